import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readme, shown } from '../support/readme.js';
import { cli, fixture } from '../support/cli.js';

describe('README examples match what the CLI prints', () => {
  it('gpuops recon --region eastus2 (offline)', async () => {
    const r = await cli(['recon', '--region', 'eastus2']);
    expect(shown('gpuops recon --region eastus2')).toBe(r.stderr + r.stdout);
  });

  it('gpuops skus --region eastus2 --gpu a100 --sort price', async () => {
    const r = await cli(['skus', '--region', 'eastus2', '--gpu', 'a100', '--sort', 'price']);
    expect(shown('gpuops skus --region eastus2 --gpu a100 --sort price')).toBe(r.stdout);
  });

  it('gpuops can-deploy on the exports (the README names them skus.json / usage.json)', async () => {
    const r = await cli(['can-deploy', 'Standard_ND96isr_H100_v5', '--count', '8', '--region', 'eastus2',
      '--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')]);
    const block = shown('gpuops can-deploy Standard_ND96isr_H100_v5 --count 8 --region eastus2 --skus-file skus.json --usage-file usage.json');
    // The README leaves out the last line, the source footer naming the files.
    expect(r.stdout.startsWith(block)).toBe(true);
    expect(r.stdout.slice(block.length)).toMatch(/^source: SKUs from .*skus\.az\.json; quota from .*usage\.az\.json, read [0-9T:-]+Z\n$/);
  });

  it('gpuops provision, the Monday-morning request (the README names the exports skus.json / usage.json)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gpuops-readme-')), 'infra');
    const r = await cli(['provision', '--blueprint', 'training', '--sku', 'Standard_NC24ads_A100_v4', '--count', '8', '--region', 'eastus2', '--name', 'ft-llama',
      '--owner', 'alice@example.com', '--cost-center', 'ml-research', '--expires', '2026-12-31', '--budget', '5000', '--shutdown', '19:00',
      '--timezone', 'W. Europe Standard Time', '--hours', '48', '--out', out, '--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')]);
    rmSync(out, { recursive: true, force: true });
    const block = shown('gpuops provision --blueprint training --sku Standard_NC24ads_A100_v4 --count 8 --region eastus2 --name ft-llama --owner alice@example.com --cost-center ml-research --expires 2026-12-31 --budget 5000 --shutdown 19:00 --timezone "W. Europe Standard Time" --hours 48 --out ./infra --skus-file skus.json --usage-file usage.json');
    expect(block).toBe((r.stderr + r.stdout).replaceAll(out, './infra'));
  });

  it('gpuops explain tpm', async () => {
    const r = await cli(['explain', 'tpm']);
    expect(shown('gpuops explain tpm')).toBe(r.stdout);
  });

  it('gpuops size llama-3.1-70b (plan section)', async () => {
    const command = 'gpuops size llama-3.1-70b --precision fp16 --context 8192 --concurrency 16 --region eastus2';
    const r = await cli(command.split(' ').slice(1));
    expect(shown(command)).toBe(r.stdout);
  });

  it('gpuops cost (plan section)', async () => {
    const command = 'gpuops cost Standard_ND96amsr_A100_v4 --count 2 --hours 60 --region eastus2 --offline';
    const r = await cli(command.split(' ').slice(1));
    expect(shown(command)).toBe(r.stdout);
  });

  it('gpuops plan in plain words on the exports, on Friday 2026-11-27 (plan section)', async () => {
    const r = await cli(['plan', '8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday', '--region', 'eastus2', '--hours', '60',
      '--skus-file', fixture('eastus2', 'skus.az.json'), '--usage-file', fixture('eastus2', 'usage.az.json')], { now: '2026-11-27T10:00:00Z' });
    const block = shown('gpuops plan "8 A100 GPUs with NVLink and 2 TB NVMe for fine-tuning by Wednesday" --region eastus2 --hours 60 --skus-file skus.json --usage-file usage.json');
    expect(r.stdout.startsWith(block)).toBe(true);
    expect(r.stdout.slice(block.length)).toMatch(/^source: SKUs from .*skus\.az\.json; quota from .*usage\.az\.json, facts read [0-9T:-]+Z\n$/);
  });
});
