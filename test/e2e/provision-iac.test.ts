import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { MONDAY, VARIANTS, provision } from '../support/provision.js';

// Every generated .tf is parsed by a real HCL2 parser and every resource type, attribute and block is
// checked against the azurerm provider schema (extracted from @cdktf/provider-azurerm by
// scripts/extract-azurerm-schema.mjs), so a misspelled attribute fails here.
interface SchemaNode {
  attributes: string[];
  blocks: Record<string, SchemaNode>;
}
const schema = JSON.parse(readFileSync(fixture('provision', 'azurerm-schema.json'), 'utf8')) as { resources: Record<string, SchemaNode> };
const META = new Set(['count', 'depends_on', 'lifecycle', 'provider', 'for_each']);


/** Problems of one body against its schema node: unknown attributes and blocks, by path. */
function check(body: Record<string, unknown>, node: SchemaNode, path: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    const isBlock = Array.isArray(value) && value.length > 0 && value.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    if (isBlock && node.blocks[key]) {
      for (const b of value as Record<string, unknown>[]) problems.push(...check(b, node.blocks[key]!, `${path}.${key}`));
    } else if (!node.attributes.includes(key)) {
      problems.push(`${path}.${key} is not an attribute${node.blocks[key] ? ' (it is a block)' : ''} of the azurerm schema`);
    }
  }
  return problems;
}

describe('generated Terraform parses and matches the azurerm provider schema', () => {
  it.each(VARIANTS)('%s', async (_name, args) => {
    const { run, files } = await provision([...args, '--format', 'terraform']);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    const tf = Object.keys(files).filter((f) => f.endsWith('.tf'));
    expect(tf.sort()).toEqual(['main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
    const problems: string[] = [];
    let resources = 0;
    for (const f of tf) {
      const parsed = (await parse(f, files[f]!)) as { resource?: Record<string, Record<string, Record<string, unknown>[]>> };
      for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
        const node = schema.resources[type];
        if (!node) {
          problems.push(`${type} is not a resource type in the schema`);
          continue;
        }
        for (const [name, bodies] of Object.entries(byName)) {
          resources++;
          problems.push(...check(bodies[0]!, node, `${type}.${name}`));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(resources).toBeGreaterThan(8);
  });

  it('the schema check catches a misspelled attribute', () => {
    const node = schema.resources.azurerm_linux_virtual_machine!;
    expect(check({ size: 'x', disable_password_authentification: true, os_disk: [{ cachng: 'ReadWrite' }] }, node, 'vm')).toEqual([
      'vm.disable_password_authentification is not an attribute of the azurerm schema',
      'vm.os_disk.cachng is not an attribute of the azurerm schema',
    ]);
  });

  it('versions.tf pins the azurerm major version the schema was extracted for', async () => {
    const { files } = await provision(['--blueprint', 'training', ...MONDAY]);
    const parsed = (await parse('versions.tf', files['versions.tf']!)) as { terraform: Array<{ required_providers: Array<Record<string, { source: string; version: string }>> }> };
    const azurerm = parsed.terraform[0]!.required_providers[0]!.azurerm!;
    expect(azurerm.source).toBe('hashicorp/azurerm');
    const extractedFor = (JSON.parse(readFileSync(fixture('provision', 'azurerm-schema.json'), 'utf8')) as { providerVersion: string }).providerVersion;
    expect(azurerm.version).toBe(`~> ${extractedFor.split('.').slice(0, 2).join('.')}`);
  });
});

