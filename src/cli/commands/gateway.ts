import { InputError } from '../../errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { CommandSpec } from './spec.js';

interface GatewayOptions {
  config?: string;
  keyEnv?: string;
  generate?: boolean;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new InputError('hash-key: no key given; expected the key on standard input (echo -n "$KEY" | gpuops gateway hash-key), --key-env VAR or --generate');
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function hashKeyAction(opts: GatewayOptions, ctx: CliContext): Promise<CommandResult> {
  const { hashKey } = await import('../../gateway/keys.js');
  if (opts.generate && opts.keyEnv) throw new InputError('hash-key: --generate and --key-env are exclusive; expected one of them');
  if (opts.generate) {
    const { randomBytes } = await import('node:crypto');
    const key = `gk-${randomBytes(24).toString('base64url')}`;
    return { data: { key, hash: hashKey(key) }, table: () => `key:  ${key}\nhash: ${hashKey(key)}`, notes: ['the key is shown once: give it to its user; put only the hash in the config'] };
  }
  let key: string;
  if (opts.keyEnv !== undefined) {
    const value = ctx.env[opts.keyEnv];
    if (!value) throw new InputError(`--key-env: environment variable ${opts.keyEnv} is not set or empty; expected the key to hash`);
    key = value;
  } else {
    // One trailing newline (from `echo`) is not part of the key.
    key = (await readStdin()).replace(/\r?\n$/, '');
  }
  if (key.length === 0) throw new InputError('hash-key: the key is empty; expected at least one character');
  if (/[\r\n]/.test(key)) throw new InputError('hash-key: the key spans several lines; expected one line');
  const hash = hashKey(key);
  return { data: { hash }, table: () => hash };
}

/** Run the gateway until SIGTERM or SIGINT, then drain: stop accepting, finish in-flight streams, exit 0. */
async function serve(opts: GatewayOptions, ctx: CliContext): Promise<CommandResult> {
  if (!opts.config) throw new InputError('--config: missing; expected the gateway config file, e.g. gpuops gateway --config gateway.yaml');
  const { loadGatewayConfig } = await import('../../gateway/load-config.js');
  const { startGateway } = await import('../../gateway/server.js');
  const config = await loadGatewayConfig(opts.config);
  const gw = await startGateway(config, { env: ctx.env });
  ctx.stderr(`gateway listening on ${gw.url} (${config.upstreams.length} upstream(s), ${config.keys.length} key(s), limits in ${config.limits.store})\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  ctx.stderr(`${signal}: draining ${gw.inFlight()} in-flight request(s)\n`);
  const { abandoned } = await gw.drain();
  const data = { stopped: signal, abandoned };
  return { data, table: () => `gateway stopped (${signal}); ${abandoned ? `${abandoned} request(s) cut off at the drain timeout` : 'every in-flight request finished'}` };
}

/** `gpuops gateway --config FILE`: per-key TPM metering and limits in front of OpenAI-compatible and Azure OpenAI endpoints. */
export const gatewayCommand: CommandSpec<GatewayOptions> = {
  name: 'gateway',
  args: '[action]',
  summary: 'per-key TPM/RPM metering and limits in front of OpenAI-compatible or Azure OpenAI endpoints (action: hash-key)',
  options: (cmd) => {
    cmd
      .option('-c, --config <file>', 'gateway config (YAML): listen, upstreams, keys, limits, accessLog, maxBodyBytes')
      .option('--key-env <var>', 'hash-key: hash the key held in this environment variable (default: read it from stdin)')
      .option('--generate', 'hash-key: make a new random key and print it with its hash');
  },
  examples: [
    'gpuops gateway --config gateway.yaml',
    'echo -n "$TEAM_A_KEY" | gpuops gateway hash-key',
    'gpuops gateway hash-key --generate',
  ],
  async run(args, opts, ctx): Promise<CommandResult> {
    const action = args[0];
    if (action === 'hash-key') return hashKeyAction(opts, ctx);
    if (action !== undefined) throw new InputError(`gateway: unknown action "${action}"; expected hash-key, or none to run the gateway`);
    return serve(opts, ctx);
  },
};
