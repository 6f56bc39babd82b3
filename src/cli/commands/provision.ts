import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Option } from 'commander';
import { GpuopsError, InputError, nearest } from '../../errors.js';
import { sizeKey } from '../../model/names.js';
import { HOURS_PER_MONTH } from '../../plan/cost.js';
import type { VmSku } from '../../model/sku.js';
import type { GpuSize } from '../../provision/gpu-vms.js';
import type { PlanInput } from '../../provision/plan-file.js';
import type { SelfCheck } from '../../provision/self-check.js';
import {
  BLUEPRINTS, IAC_FORMATS, OVERRIDES, checkBudget, checkEmail, checkExpires, checkName, checkShutdown, checkTagValue, checkTimezone,
  type Blueprint, type IacFormat, type Override, type ProvisionRequest,
} from '../../provision/request.js';
import type { CliContext, CommandResult } from '../context.js';
import { choiceFlag, intFlag, numberFlag } from '../flags.js';
import { readRegion } from '../source.js';
import type { CommandSpec } from './spec.js';

interface ProvisionOptions {
  blueprint?: Blueprint;
  plan?: string;
  sku?: string;
  count?: number;
  name?: string;
  owner?: string;
  costCenter?: string;
  expires?: string;
  budget?: string;
  shutdown?: string;
  timezone?: string;
  notify?: string;
  format: IacFormat;
  out?: string;
  force?: boolean;
  scaleSet?: boolean;
  spot?: boolean;
  lock?: boolean;
  hours?: number;
  checkpointDays?: number;
  adminUsername: string;
  allowNoTags?: boolean;
  allowNoShutdown?: boolean;
  allowNoBudget?: boolean;
  allowNoLock?: boolean;
  allowPublicNetwork?: boolean;
  allowKeyAuth?: boolean;
}

const OVERRIDE_OPTION: Record<Override, keyof ProvisionOptions> = {
  'allow-no-tags': 'allowNoTags', 'allow-no-shutdown': 'allowNoShutdown', 'allow-no-budget': 'allowNoBudget',
  'allow-no-lock': 'allowNoLock', 'allow-public-network': 'allowPublicNetwork', 'allow-key-auth': 'allowKeyAuth',
};

function required(flag: string, value: string | undefined, example: string): string {
  if (value === undefined || value.trim() === '') throw new InputError(`${flag} is required`, { suggestion: `pass ${flag}, e.g. ${flag} ${example}` });
  return value;
}

/** Read and validate --plan FILE (YAML or JSON, as `gpuops plan -o yaml|json` writes it). */
async function planFrom(file: string): Promise<PlanInput> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`--plan ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  if (text.trim() === '') throw new InputError(`--plan ${file} is empty: expected the output of \`gpuops plan ... -o yaml\``);
  const [{ parse }, { readPlan }] = await Promise.all([import('yaml'), import('../../provision/plan-file.js')]);
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new InputError(`--plan ${file} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  return readPlan(data, file);
}

/** Overrides asked for, refusing those that mean nothing for the blueprint. */
function overridesOf(opts: ProvisionOptions, blueprint: Blueprint): Override[] {
  const chosen = (Object.keys(OVERRIDE_OPTION) as Override[]).filter((o) => opts[OVERRIDE_OPTION[o]] === true);
  for (const o of chosen) {
    if (o === 'allow-no-lock' && blueprint !== 'training') throw new InputError(`${OVERRIDES[o].flag} applies to --blueprint training only (other blueprints get a lock only with --lock)`);
    if ((o === 'allow-public-network' || o === 'allow-key-auth') && blueprint !== 'inference') throw new InputError(`${OVERRIDES[o].flag} applies to --blueprint inference only`);
  }
  return chosen;
}

/** Flags over the plan file, each validated; throws InputError naming the flag. */
function buildRequest(opts: ProvisionOptions, plan: PlanInput | null, ctx: CliContext): ProvisionRequest {
  const today = ctx.today ?? new Date().toISOString().slice(0, 10);
  const blueprint = opts.blueprint ?? plan?.blueprint ?? undefined;
  if (!blueprint) throw new InputError('--blueprint is required', { suggestion: `pass --blueprint ${BLUEPRINTS.join('|')}` });
  const overrides = overridesOf(opts, blueprint);
  const noTags = overrides.includes('allow-no-tags');
  if (opts.scaleSet && blueprint !== 'training') throw new InputError('--scale-set applies to --blueprint training only');
  if (opts.spot && blueprint === 'inference') throw new InputError('--spot is for training (the job resumes from a checkpoint after an eviction); an inference API on Spot VMs drops requests', { suggestion: 'use --blueprint training or aks with --spot' });
  const tag = (flag: string, flagValue: string | undefined, planKey: string, example: string) => {
    const value = flagValue ?? plan?.tags[planKey];
    if (noTags && value === undefined) return '';
    return checkTagValue(flag, required(flag, value, example));
  };
  const owner = tag('--owner', opts.owner, 'owner', 'alice@example.com');
  const costCenter = tag('--cost-center', opts.costCenter, 'cost-center', 'ml-research');
  const expiresText = opts.expires ?? plan?.tags.expires;
  const expires = noTags && expiresText === undefined ? '' : checkExpires(required('--expires', expiresText, '2026-12-31'), today);
  const noBudget = overrides.includes('allow-no-budget');
  if (noBudget && opts.budget !== undefined) throw new InputError('--budget and --allow-no-budget contradict each other; pass one of them');
  const budgetText = opts.budget ?? (plan?.budget != null ? String(plan.budget) : undefined);
  const budget = noBudget ? null : checkBudget(required('--budget', budgetText, '5000 (USD per month; or --allow-no-budget)'));
  const notifyText = opts.notify ?? (/@/.test(owner) ? owner : undefined);
  const notify = checkEmail('--notify', required('--notify', notifyText, 'ops@example.com (defaults to --owner when that is an e-mail address)'));
  if (overrides.includes('allow-no-shutdown') && opts.shutdown !== undefined) throw new InputError('--shutdown and --allow-no-shutdown contradict each other; pass one of them');
  return {
    blueprint, format: opts.format, name: checkName(required('--name', opts.name, 'ft-llama')), region: '',
    sku: opts.sku ?? plan?.sku ?? null, count: opts.count ?? plan?.count ?? 1, scaleSet: opts.scaleSet ?? false, spot: opts.spot ?? plan?.spot ?? false,
    owner, costCenter, expires, budget, notify,
    shutdown: checkShutdown(opts.shutdown ?? plan?.shutdown ?? '19:00'), timezone: checkTimezone(opts.timezone ?? plan?.timezone ?? 'UTC'),
    lock: blueprint === 'training' ? !overrides.includes('allow-no-lock') : opts.lock === true,
    // --checkpoint-days beats the plan's lifecycle; without either, 180 days.
    checkpointDays: opts.checkpointDays ?? plan?.checkpoints?.delete ?? 180,
    ...(opts.checkpointDays === undefined && plan?.checkpoints ? { checkpointTiers: { cool: plan.checkpoints.cool, archive: plan.checkpoints.archive } } : {}),
    hours: opts.hours ?? plan?.hours ?? null, adminUsername: checkAdmin(opts.adminUsername), overrides, today,
  };
}

function checkAdmin(name: string): string {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name) || ['root', 'admin', 'administrator', 'azureadmin'].includes(name)) {
    throw new InputError(`--admin-username "${name}" is not valid: expected a Linux user name (lower-case, up to 32 characters) that Azure allows (not root or admin)`);
  }
  return name;
}

/** A size not in the listing: not offered here (exists in the catalog) or unknown. */
async function missingSize(name: string, region: string, listed: readonly VmSku[]): Promise<never> {
  const { catalogSku, regionsOffering, skuNames } = await import('../../catalog/index.js');
  const known = catalogSku(name);
  if (known) {
    const where = regionsOffering(known.name);
    throw new InputError(`${known.name} is not offered in ${region}${where.length > 0 ? `; it is priced in ${where.slice(0, 8).join(', ')}${where.length > 8 ? ', …' : ''}` : ''}`, {
      code: 'UNKNOWN_SKU', suggestion: 'pick a region that offers it (gpuops skus --region R), or another size',
    });
  }
  const candidates = [...listed.filter((s) => (s.gpu.count ?? 0) > 0).map((s) => s.name), ...skuNames()];
  throw new InputError(`--sku "${name}" is not a VM size known in ${region} or in the catalog`, {
    code: 'UNKNOWN_SKU', suggestion: `did you mean ${nearest(name, candidates, 3).join(', ')}? (expected a GPU size such as Standard_NC24ads_A100_v4)`,
  });
}

/** The recon check before anything is written, and the size facts the generators need. */
async function checkSize(req: ProvisionRequest, opts: ProvisionOptions, ctx: CliContext): Promise<{ size: GpuSize | null; quota: string[]; warnings: string[]; priceSource: string; region: string }> {
  const { region, listing, quota, note, subscriptionId } = await readRegion(opts as never, ctx);
  const { CATALOG_DATE, catalogSku, gpuModel, priceFor } = await import('../../catalog/index.js');
  const [{ canDeploy }, { preflight }, { driverPath }] = await Promise.all([
    import('../../recon/can-deploy.js'), import('../../provision/preflight.js'), import('../../provision/drivers.js'),
  ]);
  const offline = listing.source.offline;
  const priceSource = `list prices (Linux pay-as-you-go, USD) from the embedded catalog, read ${CATALOG_DATE}${offline ? '; answered offline' : ''}`;
  const warnings = note ? [note] : [];
  if (!req.sku) return { size: null, quota: ['No GPU VM requested: the Azure OpenAI account needs no VM quota (model deployments have their own TPM quota).'], warnings, priceSource, region };
  const sku = listing.skus.find((s) => sizeKey(s.name) === sizeKey(req.sku!)) ?? (await missingSize(req.sku, region, listing.skus));
  if (sku.gpu.count === 0 || (sku.gpu.count === null && sku.gpu.model === null)) throw new InputError(`--sku ${sku.name} is not a GPU size: gpuops provision writes GPU stacks`, { suggestion: 'list GPU sizes with `gpuops skus --region ' + region + '`' });
  const retirement = sku.retirement ?? catalogSku(sku.name)?.retirement;
  const answer = canDeploy({ sku: { ...sku, retirement }, count: req.count, region, spot: req.spot, usages: quota.usages, subscriptionId, today: req.today });
  const check = preflight(answer);
  if (check.refusal) throw new InputError(`cannot provision ${req.count} x ${sku.name} in ${region}: ${check.refusal}`, { suggestion: 'pick another size or region: gpuops skus --region R' });
  const model = sku.gpu.model ? gpuModel(sku.gpu.model) : undefined;
  const vendor = model?.vendor ?? (sku.gpu.model && /^(V\d{3}|MI\d+)/i.test(sku.gpu.model) ? 'AMD' : null);
  const driver = driverPath(sku, vendor);
  if (driver.kind === 'unsupported') throw new InputError(`cannot provision ${sku.name}: ${driver.reason}`);
  if (req.blueprint === 'aks' && vendor !== 'NVIDIA') throw new InputError(`--blueprint aks supports NVIDIA sizes (AKS installs the NVIDIA driver); ${sku.name} is ${vendor ?? 'of unknown vendor'}`);
  const price = sku.price ?? priceFor(sku.name, region);
  const gpus = sku.gpu.fraction ? `${sku.gpu.fraction} of a ${sku.gpu.model ?? 'GPU'}` : `${sku.gpu.count ?? '?'} x ${sku.gpu.model ?? 'GPU'}`;
  const size: GpuSize = {
    name: sku.name, gpus, infiniband: sku.infiniband === true, nvmeGiB: sku.nvmeGiB, driver,
    pricePerHour: price?.paygPerHour ?? null, spotPerHour: price?.spotPerHour ?? null,
  };
  if (req.spot && size.spotPerHour === null) warnings.push(`no Spot price for ${sku.name} in ${region} in the catalog: the cost lines are unknown`);
  return { size, quota: check.quota, warnings: [...warnings, ...check.warnings.map((w) => `quota: ${w}`)], priceSource, region };
}

/** Refuse a non-empty --out without --force; never delete a user's files. */
function checkOut(out: string | undefined, force: boolean): string {
  const dir = resolve(required('--out', out, './infra'));
  if (!existsSync(dir)) return dir;
  if (!statSync(dir).isDirectory()) throw new InputError(`--out ${out} is a file, not a directory`);
  const present = readdirSync(dir);
  if (present.length > 0 && !force) {
    throw new InputError(`--out ${out} is not empty (${present.length} entr${present.length === 1 ? 'y' : 'ies'}, e.g. ${present.slice(0, 3).join(', ')}): gpuops never overwrites files silently`, {
      suggestion: 'pass an empty or new directory, or --force to overwrite the files gpuops writes (other files are left alone)',
    });
  }
  return dir;
}

/** Write the files; what is in the way (a directory named like a file, a file named like a folder) is refused before any is written. */
function writeAll(dir: string, files: Record<string, string>): void {
  const paths = Object.keys(files);
  for (const path of paths) {
    const target = join(dir, path);
    if (existsSync(target) && !statSync(target).isFile()) throw new InputError(`--out ${dir}: ${path} is a directory, not a file gpuops can overwrite; nothing was written`);
    for (let up = dirname(target); up !== dir && up.startsWith(dir); up = dirname(up)) {
      if (existsSync(up) && !statSync(up).isDirectory()) throw new InputError(`--out ${dir}: ${relative(dir, up)} is a file where gpuops writes a directory; nothing was written`);
    }
  }
  const written: string[] = [];
  for (const path of paths) {
    const target = join(dir, path);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, files[path]!);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
      throw new InputError(`--out ${dir}: ${path} cannot be written (${code}); ${written.length === 0 ? 'nothing was written' : `written before it: ${written.join(', ')}`}`, { cause });
    }
    written.push(path);
  }
}

function usd(n: number | null): string {
  return n === null ? 'unknown' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Human summary of what was written. */
function summary(data: ProvisionData): string {
  const lines = [
    `wrote ${data.files.length} files to ${data.out} (${data.blueprint}, ${data.format}):`,
    ...data.files.map((f) => `  ${f}`),
    '',
    data.size ? `${data.count} x ${data.size} in ${data.region}` : `Azure OpenAI account in ${data.region}`,
    `cost: ${usd(data.cost.perHour)}/h, ${data.cost.perRun === null ? 'per run unknown (pass --hours)' : `${usd(data.cost.perRun)} per run`}, ${usd(data.cost.perMonth)}/month at ${HOURS_PER_MONTH} h (${data.cost.source})`,
    ...data.quota.map((q) => `quota: ${q}`),
    ...data.guardrails.map((g) => `guardrail ${g.on ? 'on' : 'OFF'}: ${g.guardrail}${g.on ? '' : ` (${g.flag})`}`),
    `self-check: the audit rules on the generated resources report ${data.selfCheck.rules.length === 0 ? 'no findings' : `${data.selfCheck.rules.join(', ')} (the overrides' rules, as expected)`}`,
  ];
  return lines.join('\n');
}

/** The JSON contract of `gpuops provision -o json`. */
export interface ProvisionData {
  blueprint: Blueprint;
  format: IacFormat;
  out: string;
  files: string[];
  name: string;
  region: string;
  size: string | null;
  count: number;
  driver: { kind: string; image: string; extensions: string[]; note: string } | null;
  cost: { perHour: number | null; perRun: number | null; perMonth: number | null; currency: 'USD'; source: string };
  quota: string[];
  guardrails: { guardrail: string; on: boolean; flag: string; rule: string }[];
  overrides: string[];
  /** The guard rules over the generated resources: exactly the overrides' rules fire. */
  selfCheck: { rules: string[]; expected: string[]; ok: boolean; findings: SelfCheck['findings']; unknown: SelfCheck['unknown'] };
}

/** The generated Terraform as an Inventory, read the way `audit --terraform-dir` reads it, audited with the guard rules. */
async function runSelfCheck(terraformJson: Record<string, unknown>[], req: ProvisionRequest, hasGpu: boolean): Promise<SelfCheck> {
  const [{ hclInventory }, { selfCheck }] = await Promise.all([import('../../azure/terraform-hcl.js'), import('../../provision/self-check.js')]);
  const inventory = hclInventory(terraformJson, 'generated by gpuops provision');
  return selfCheck(inventory, req.overrides, req.today, hasGpu);
}

/** `gpuops provision`: Terraform or Bicep for a GPU stack with the guardrails built in. */
export const provisionCommand: CommandSpec<ProvisionOptions> = {
  name: 'provision',
  summary: 'write Terraform or Bicep for a training, inference or AKS GPU stack, with tags, auto-shutdown, budget, lock and private networking built in',
  recon: true,
  examples: [
    'gpuops provision --blueprint training --sku Standard_NC24ads_A100_v4 --count 8 --region eastus2 --name ft-llama --owner alice@example.com --cost-center ml-research --expires 2026-12-31 --budget 5000 --shutdown 19:00 --timezone "W. Europe Standard Time" --out ./infra',
    'gpuops provision --blueprint inference --region eastus2 --name chat-api --owner alice@example.com --cost-center ml-research --expires 2026-12-31 --budget 500 --format bicep --out ./infra',
    'gpuops provision --plan plan.yaml --blueprint aks --name gpu-aks --owner alice@example.com --cost-center ml --expires 2026-12-31 --budget 3000 --out ./aks',
  ],
  options: (cmd) => {
    cmd
      .addOption(new Option('--blueprint <kind>', `what to build: ${BLUEPRINTS.join('|')}`).argParser(choiceFlag('--blueprint', BLUEPRINTS)))
      .option('--plan <file>', 'read size, count, region, hours and guardrails from `gpuops plan -o yaml` output (flags override it)')
      .option('--sku <size>', 'GPU VM size, e.g. Standard_NC24ads_A100_v4 (inference: omit for an Azure OpenAI account only)')
      .addOption(new Option('--count <n>', 'number of GPU VMs, 1-1000 (aks: most GPU nodes)').argParser(boundedInt('--count', 1, 1000, 'a scale set holds at most 1,000 VMs')))
      .option('--name <name>', 'short name used in every resource name, e.g. ft-llama')
      .option('--owner <email>', 'tag owner (and alert recipient when an e-mail address)')
      .option('--cost-center <id>', 'tag cost-center')
      .option('--expires <date>', 'tag expires: YYYY-MM-DD after which the stack may be deleted')
      .option('--budget <usd>', 'monthly budget on the resource group, USD (alerts at 50/80/100% actual, 100% forecast)')
      .option('--shutdown <HH:MM>', 'daily auto-shutdown time (default 19:00)')
      .option('--timezone <zone>', 'time zone of --shutdown: Windows id ("W. Europe Standard Time") or IANA (Europe/Berlin); default UTC')
      .option('--notify <email>', 'who gets shutdown and budget alerts (default: --owner)')
      .addOption(new Option('--format <format>', `IaC format: ${IAC_FORMATS.join('|')}`).argParser(choiceFlag('--format', IAC_FORMATS)).default('terraform'))
      .option('--out <dir>', 'directory to write (must be empty or new)')
      .option('--force', 'write into a non-empty --out, overwriting the files gpuops writes (others are left alone)')
      .option('--scale-set', 'training: one VM scale set instead of individual VMs')
      .option('--spot', 'Spot VMs / Spot node pool (training, aks)')
      .option('--lock', 'inference, aks: add a CanNotDelete lock on the resource group (training has one unless --allow-no-lock)')
      .addOption(new Option('--hours <h>', 'hours of one run, for the per-run cost').argParser(positiveNumber('--hours', 8784)))
      .addOption(new Option('--checkpoint-days <n>', 'training: delete checkpoints this many days after their last change (default: the plan\'s, else 180)').argParser(boundedInt('--checkpoint-days', 3, 99999, 'Azure lifecycle rules count up to 99,999 days')))
      .option('--admin-username <user>', 'Linux admin user (SSH keys only)', 'azureuser');
    for (const o of Object.values(OVERRIDES)) cmd.option(o.flag, `override: no ${o.guardrail} (audit then reports ${o.rule})`);
  },
  async run(_args, opts, ctx: CliContext): Promise<CommandResult> {
    const plan = opts.plan ? await planFrom(opts.plan) : null;
    if (!opts.region && plan) opts.region = plan.region;
    const req = buildRequest(opts, plan, ctx);
    if (req.blueprint !== 'inference' && !req.sku) throw new InputError(`--sku is required for --blueprint ${req.blueprint}`, { suggestion: 'pass --sku, e.g. --sku Standard_NC24ads_A100_v4, or --plan FILE' });
    const out = checkOut(opts.out, opts.force === true);
    const checked = await checkSize(req, opts, ctx);
    const request: ProvisionRequest = { ...req, region: checked.region, sku: checked.size?.name ?? null };
    const [{ generate }, { costLines }] = await Promise.all([import('../../provision/generate.js'), import('../../provision/readme.js')]);
    const generated = generate(request, checked.size, { priceSource: checked.priceSource, quota: checked.quota });
    const check = await runSelfCheck(generated.terraformJson, request, checked.size !== null);
    if (!check.ok) {
      // The generator, not the user, is wrong: say so and write nothing.
      throw new GpuopsError('BAD_INPUT', 1, `self-check failed: the guard rules ${check.unexpected.length > 0 ? `report ${check.unexpected.join(', ')} on the generated resources though no override asked for it` : `do not report ${check.missing.join(', ')} though an override turned that guardrail off`}; nothing was written`, {
        suggestion: 'this is a gpuops bug: rerun with -o json to see the findings, and report it',
      });
    }
    writeAll(out, generated.files);
    const cost = costLines(generated.stack);
    const data: ProvisionData = {
      blueprint: request.blueprint, format: request.format, out: opts.out!, files: Object.keys(generated.files), name: request.name, region: request.region,
      size: checked.size?.name ?? null, count: request.count,
      driver: checked.size ? { kind: checked.size.driver.kind, image: Object.values(checked.size.driver.image).join(':'), extensions: checked.size.driver.extensions.map((e) => e.type), note: checked.size.driver.note } : null,
      cost: { perHour: cost.perHour, perRun: cost.perRun, perMonth: cost.perMonth, currency: 'USD', source: checked.priceSource },
      quota: checked.quota,
      guardrails: (Object.keys(OVERRIDES) as Override[]).filter((o) => applicable(o, request.blueprint)).map((o) => ({ guardrail: OVERRIDES[o].guardrail, on: !request.overrides.includes(o), flag: OVERRIDES[o].flag, rule: OVERRIDES[o].rule })),
      overrides: request.overrides.map((o) => OVERRIDES[o].flag),
      selfCheck: { rules: check.rules, expected: check.expected, ok: check.ok, findings: check.findings, unknown: check.unknown },
    };
    const notes = [...checked.warnings, ...request.overrides.map((o) => `override ${OVERRIDES[o].flag}: ${OVERRIDES[o].guardrail} is OFF${check.expected.includes(OVERRIDES[o].rule) ? `; gpuops audit reports ${OVERRIDES[o].rule}` : ''}`)];
    return { data, table: () => summary(data), notes };
  },
};

function applicable(o: Override, blueprint: Blueprint): boolean {
  if (o === 'allow-no-lock') return blueprint === 'training';
  if (o === 'allow-public-network' || o === 'allow-key-auth') return blueprint === 'inference';
  return true;
}

function positiveNumber(flag: string, max: number): (value: string) => number {
  const base = numberFlag(flag);
  return (value: string) => {
    const n = base(value);
    if (n <= 0 || n > max) throw new InputError(`${flag} "${value}" is not valid: expected a number above 0 and at most ${max.toLocaleString('en-US')} (a year of hours)`);
    return n;
  };
}

function boundedInt(flag: string, min: number, max: number, why: string): (value: string) => number {
  const base = intFlag(flag, min);
  return (value: string) => {
    const n = base(value);
    if (n > max) throw new InputError(`${flag} "${value}" is not valid: expected at most ${max.toLocaleString('en-US')} (${why})`);
    return n;
  };
}
