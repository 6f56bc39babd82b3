import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../support/cli.js';
import { MONDAY, tempDir } from '../support/provision.js';

/** MONDAY with one flag's value replaced (or the flag removed when value is null). */
function withFlag(flag: string, value: string | null, args: string[] = MONDAY): string[] {
  const i = args.indexOf(flag);
  if (i === -1) return value === null ? args : [...args, flag, value];
  return value === null ? [...args.slice(0, i), ...args.slice(i + 2)] : [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

async function run(args: string[], out = join(tempDir(), 'infra')) {
  const r = await cli(['provision', '--blueprint', 'training', ...args, '--out', out, '--offline']);
  return { ...r, out };
}

// Each case: the flags, then what the message must name. All exit 2, print no stack, write nothing.
const CASES: Array<[string, string[], RegExp]> = [
  ['a size that does not exist', withFlag('--sku', 'Standard_NC24ads_A900_v9'), /--sku "Standard_NC24ads_A900_v9" is not a VM size known in eastus2[\s\S]*did you mean/],
  ['a retired size', withFlag('--sku', 'Standard_NC24s_v3'), /Standard_NC24s_v3 was retired on 2025-09-30/],
  ['a size not offered in the region', withFlag('--region', 'eastus', withFlag('--sku', 'Standard_ND96isr_H200_v5')), /Standard_ND96isr_H200_v5 is not offered in eastus; it is priced in australiaeast/],
  ['a size that is not a GPU size', withFlag('--sku', 'Standard_D4ds_v5'), /Standard_D4ds_v5/],
  ['an invalid time zone', withFlag('--timezone', 'Mars/Olympus_Mons'), /--timezone "Mars\/Olympus_Mons" is not a time zone Azure auto-shutdown accepts/],
  ['an invalid time', withFlag('--shutdown', '25:00'), /--shutdown "25:00" is not a valid time: expected HH:MM/],
  ['a time without minutes', withFlag('--shutdown', '7pm'), /--shutdown "7pm" is not a valid time/],
  ['a budget of 0', withFlag('--budget', '0'), /--budget "0" is not valid: expected a monthly amount in USD above 0/],
  ['a negative budget', withFlag('--budget', '-5'), /--budget "-5" is not valid/],
  ['a budget that is not a number', withFlag('--budget', 'lots'), /--budget "lots" is not valid/],
  ['an infinite budget', withFlag('--budget', 'Infinity'), /--budget "Infinity" is not valid/],
  ['a past expiry date', withFlag('--expires', '2026-01-01'), /--expires 2026-01-01 is not after today \(2026-11-27\)/],
  ['an impossible date', withFlag('--expires', '2026-02-30'), /--expires "2026-02-30" is not a valid date/],
  ['a count of 0', withFlag('--count', '0'), /--count "0" is not valid: expected a whole number of at least 1/],
  ['a fractional count', withFlag('--count', '2.5'), /--count "2.5" is not valid/],
  ['a name with capitals', withFlag('--name', 'FT_Llama'), /--name "FT_Llama" is not valid/],
  ['a name too long', withFlag('--name', 'a'.repeat(40)), /--name "a{40}" is not valid/],
  ['an owner that is no e-mail and no --notify', withFlag('--owner', 'alice'), /--notify is required/],
  ['a bad --notify', [...MONDAY, '--notify', 'not-an-email'], /--notify "not-an-email" is not an e-mail address/],
  ['a missing --budget', withFlag('--budget', null), /--budget is required/],
  ['a missing --owner', withFlag('--owner', null), /--owner is required/],
  ['--budget with --allow-no-budget', [...MONDAY, '--allow-no-budget'], /--budget and --allow-no-budget contradict each other/],
  ['--shutdown with --allow-no-shutdown', [...MONDAY, '--allow-no-shutdown'], /--shutdown and --allow-no-shutdown contradict each other/],
  ['an inference override on training', [...MONDAY, '--allow-public-network'], /--allow-public-network applies to --blueprint inference only/],
  ['a tag value Azure rejects', withFlag('--cost-center', 'ml/research'), /--cost-center "ml\/research" is not a valid tag value/],
  ['an admin user Azure rejects', [...MONDAY, '--admin-username', 'root'], /--admin-username "root" is not valid/],
  ['an unknown region', withFlag('--region', 'atlantis'), /region "atlantis" is not among the \d+ regions/],
  ['--checkpoint-days below 3', [...MONDAY, '--checkpoint-days', '1'], /--checkpoint-days "1" is not valid/],
  ['--hours of 0', [...MONDAY, '--hours', '0'], /--hours "0" is not valid: expected a number above 0/],
  ['--hours of 1e308', [...MONDAY, '--hours', '1e308'], /--hours "1e308" is not valid: expected a number above 0 and at most 8,784/],
  ['a count of a trillion VMs', withFlag('--count', '999999999999'), /--count "999999999999" is not valid: expected at most 1,000/],
  ['--checkpoint-days beyond what lifecycle rules count', [...MONDAY, '--checkpoint-days', '999999999'], /--checkpoint-days "999999999" is not valid: expected at most 99,999/],
  ['an empty time zone', withFlag('--timezone', ''), /--timezone is empty/],
  ['a --plan that is a directory', [...MONDAY, '--plan', '.'], /--plan \. cannot be read: EISDIR/],
  ['an AMD size on AKS', [...withFlag('--sku', 'Standard_ND96isr_MI300X_v5'), '--blueprint', 'aks'], /--blueprint aks supports NVIDIA sizes/],
  ['an unknown blueprint', ['--blueprint', 'mining', ...MONDAY], /--blueprint "mining" is not valid: expected one of training, inference, aks/],
  ['an unknown format', [...MONDAY, '--format', 'pulumi'], /--format "pulumi" is not valid: expected one of terraform, bicep/],
  ['a GB200 size (Arm64 hosts)', withFlag('--sku', 'Standard_ND128isr_NDR_GB200_v6'), /Standard_ND128isr_NDR_GB200_v6 has Arm64 \(Grace\) hosts/],
];

describe('provision refuses bad input with exit 2 and writes nothing', () => {
  it.each(CASES)('%s', async (_name, args, message) => {
    const r = await run(args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
    expect(() => readdirSync(r.out)).toThrow();
  });

  it('refuses a non-empty --out and leaves the user\'s files alone', async () => {
    const out = join(tempDir(), 'infra');
    mkdirSync(out);
    writeFileSync(join(out, 'main.tf'), '# mine\n');
    const r = await run(MONDAY, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .* is not empty \(1 entry, e\.g\. main\.tf\): gpuops never overwrites files silently/);
    expect(r.stderr).toMatch(/hint: .*--force/);
    expect(readFileSync(join(out, 'main.tf'), 'utf8')).toBe('# mine\n');
  });

  it('--force overwrites the files it writes and keeps the others', async () => {
    const out = join(tempDir(), 'infra');
    mkdirSync(out);
    writeFileSync(join(out, 'main.tf'), '# mine\n');
    writeFileSync(join(out, 'backend.tf'), '# my backend\n');
    const r = await run([...MONDAY, '--force'], out);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'main.tf'), 'utf8')).toMatch(/resource "azurerm_linux_virtual_machine" "gpu"/);
    expect(readFileSync(join(out, 'backend.tf'), 'utf8')).toBe('# my backend\n');
  });

  it('--force with a directory where a file goes: exit 2 naming it, no stack, nothing written', async () => {
    const out = join(tempDir(), 'infra');
    mkdirSync(join(out, 'variables.tf'), { recursive: true });
    const r = await run([...MONDAY, '--force'], out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*: variables\.tf is a directory, not a file gpuops can overwrite; nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure/);
    expect(readdirSync(out)).toEqual(['variables.tf']);
  });

  it('--force with a file where a folder goes (aks k8s/): exit 2, nothing written', async () => {
    const out = join(tempDir(), 'infra');
    mkdirSync(out);
    writeFileSync(join(out, 'k8s'), 'mine\n');
    const r = await cli(['provision', '--blueprint', 'aks', ...MONDAY, '--force', '--out', out, '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/k8s is a file where gpuops writes a directory; nothing was written/);
    expect(readdirSync(out)).toEqual(['k8s']);
    expect(readFileSync(join(out, 'k8s'), 'utf8')).toBe('mine\n');
  });

  it('a region where the size is not offered, from live-shaped data (--skus-file)', async () => {
    const out = join(tempDir(), 'infra');
    const r = await cli(['provision', '--blueprint', 'training', ...withFlag('--sku', 'Standard_ND96isr_H200_v5'), '--out', out,
      '--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')]);
    expect(r.stderr).toMatch(/error: .*Standard_ND96isr_H200_v5/);
    expect(r.code).toBe(2);
  });
});
