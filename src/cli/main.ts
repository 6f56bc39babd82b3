import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { GpuopsError, InputError } from '../errors.js';
import { applyQuery } from '../render/query.js';
import { OUTPUT_FORMATS, parseFormat, render } from '../render/index.js';
import { alertsCommand } from './commands/alerts.js';
import { auditCommand } from './commands/audit.js';
import { escapeControl, escapeJsonControl } from '../render/safe-text.js';
import { benchCommand } from './commands/bench.js';
import { canDeployCommand } from './commands/can-deploy.js';
import { costCommand } from './commands/cost.js';
import { explainCommand, glossaryCommand } from './commands/explain.js';
import { exporterCommand } from './commands/exporter.js';
import { gatewayCommand } from './commands/gateway.js';
import { mockLlmCommand } from './commands/mock-llm.js';
import { inventoryCommand } from './commands/inventory.js';
import { provisionCommand } from './commands/provision.js';
import { planCommand } from './commands/plan.js';
import { quotaCommand } from './commands/quota.js';
import { reconCommand } from './commands/recon.js';
import { sizeCommand } from './commands/size.js';
import { skusCommand } from './commands/skus.js';
import type { CommandSpec } from './commands/spec.js';
import type { CliContext, CommandResult, GlobalOptions } from './context.js';

const COMMANDS: CommandSpec<never>[] = [
  reconCommand, skusCommand, quotaCommand, canDeployCommand, explainCommand, glossaryCommand,
  sizeCommand, costCommand, planCommand,
  provisionCommand,
  auditCommand, inventoryCommand,
  benchCommand, mockLlmCommand, exporterCommand, alertsCommand, gatewayCommand,
] as CommandSpec<never>[];

/** The version in package.json, read only when commander asks for it. */
function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

function defaultContext(): CliContext {
  return {
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    today: new Date().toISOString().slice(0, 10),
    progress: process.stderr.isTTY ? (t) => process.stderr.write(`${t}\n`) : undefined,
  };
}

function addCommon(cmd: Command, spec: CommandSpec<never>): void {
  cmd
    .addOption(new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join('|')}`).default('table').argParser(parseFormat))
    .option('--query <jmespath>', 'JMESPath query applied to the JSON output (like az --query)')
    .option('--debug', 'show stack traces of errors');
  if (!spec.recon) return;
  cmd
    .option('-r, --region <region>', 'Azure region, e.g. eastus2')
    .option('--offline', 'never touch the network: answer from --skus-file/--usage-file when given, else from the embedded catalog')
    .option('--live', 'read live Azure (DefaultAzureCredential); the default when a subscription is configured')
    .option('--subscription <id>', 'subscription id (default: AZURE_SUBSCRIPTION_ID, then the az CLI default)')
    .option('--skus-file <file>', "read sizes from 'az vm list-skus --all -o json' output or a REST page { value: [...] }; - reads standard input")
    .option('--usage-file <file>', "read quota from 'az vm list-usage -o json' output or a REST page { value: [...] }; - reads standard input");
}

/** Print a result in the chosen format; notes go to stderr so stdout stays clean for -o json. */
async function emit(result: CommandResult, opts: GlobalOptions, ctx: CliContext): Promise<void> {
  for (const n of result.notes ?? []) ctx.stderr(`note: ${escapeControl(n)}\n`);
  const data = opts.query ? await applyQuery(result.data, opts.query) : result.data;
  const own = opts.query ? undefined : result.formats?.[opts.output];
  const raw = own ? own(data) : render(opts.output, data, opts.query ? undefined : result.table);
  // Names from files may hold control characters: JSON keeps them as \u escapes, other formats show them.
  const text = opts.output === 'json' ? escapeJsonControl(raw) : escapeControl(raw);
  ctx.stdout(text.endsWith('\n') ? text : `${text}\n`);
}

function reportError(err: unknown, ctx: CliContext, debug: boolean): number {
  if (err instanceof GpuopsError) {
    ctx.stderr(`error: ${escapeControl(err.message)}\n`);
    if (err.suggestion) ctx.stderr(`hint: ${escapeControl(err.suggestion)}\n`);
    if (debug) ctx.stderr(`${err.stack ?? ''}\n${err.cause instanceof Error ? `cause: ${err.cause.stack}\n` : ''}`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  ctx.stderr(`error: unexpected failure: ${escapeControl(e.message)}\n`);
  ctx.stderr(debug ? `${e.stack}\n` : 'hint: rerun with --debug for the stack trace, and report it as a bug\n');
  return 1;
}

/** An empty value (`--region ''`) is a mistake, never "not given": refuse it naming the flag. */
function refuseEmpty(command: Command): void {
  for (const option of command.options) {
    const value: unknown = command.getOptionValue(option.attributeName());
    if (typeof value === 'string' && value.trim() === '') {
      throw new InputError(`${option.long ?? option.flags} is empty: expected a value (${option.description})`);
    }
  }
}

/** Build the commander program; each command's action stores its exit code in `state`. */
function program(ctx: CliContext, state: { code: number; debug: boolean }): Command {
  const root = new Command('gpuops')
    .description('GPU infrastructure for Azure: recon, plan, provision, guard, observe')
    .version(packageVersion())
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(escapeControl(s)) });
  for (const spec of COMMANDS) {
    const cmd = root.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary);
    cmd.exitOverride().configureOutput({ writeOut: (s) => ctx.stdout(s), writeErr: (s) => ctx.stderr(escapeControl(s)) });
    addCommon(cmd, spec);
    spec.options?.(cmd);
    if (spec.examples) cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
    cmd.action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const opts = command.opts() as GlobalOptions;
      refuseEmpty(command);
      // Like az, a default region may come from AZURE_DEFAULTS_LOCATION (`az configure --defaults location=…`).
      if (spec.recon && !opts.region && ctx.env.AZURE_DEFAULTS_LOCATION) opts.region = ctx.env.AZURE_DEFAULTS_LOCATION;
      state.debug = opts.debug ?? false;
      const args = command.args;
      const result = await spec.run(args, opts as never, ctx);
      await emit(result, opts, ctx);
      state.code = result.exitCode ?? 0;
    });
  }
  return root;
}

/** Run the CLI with `argv` (without node and script); returns the exit code. Never calls process.exit. */
export async function main(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  const ctx: CliContext = { ...defaultContext(), ...context };
  const state = { code: 0, debug: argv.includes('--debug') };
  try {
    await program(ctx, state).parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every other commander error (help shown for a missing command too) is bad usage.
      return err.exitCode === 0 ? 0 : 2;
    }
    const cause = (err as { cause?: unknown }).cause;
    if (!(err instanceof GpuopsError) && cause instanceof InputError) return reportError(cause, ctx, state.debug);
    return reportError(err, ctx, state.debug);
  }
}
