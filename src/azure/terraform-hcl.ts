import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { emptyInventory, type Inventory, type InventoryResource } from '../model/inventory.js';
import { LINK_TYPES, linkTerraformResources, mapTerraformResource } from './inventory/terraform-map.js';
import { hclResources } from './terraform-hcl-eval.js';

type Json = Record<string, unknown>;

/** The `.tf` files of a directory (not its subdirectories: modules are not followed), name -> text. */
export function readTerraformDir(dir: string): Record<string, string> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`--terraform-dir ${dir} is a file; expected a directory of .tf files`);
    names = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--terraform-dir ${dir} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  if (names.length === 0) throw new InputError(`--terraform-dir ${dir} has no .tf files`, { suggestion: 'pass the directory holding main.tf (e.g. the --out of gpuops provision)' });
  return Object.fromEntries(names.map((n) => {
    try {
      return [n, readFileSync(join(dir, n), 'utf8')];
    } catch (err) {
      // e.g. a directory named x.tf, or a file without read permission
      throw new InputError(`--terraform-dir ${dir}: ${n} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
  }));
}

/** Parse Terraform files with HashiCorp's HCL2 parser (hcl2json, loaded on first use); errors name the file. */
export async function parseTerraform(files: Record<string, string>, where: string): Promise<Json[]> {
  const { parse } = await import('@cdktf/hcl2json');
  const out: Json[] = [];
  for (const [name, text] of Object.entries(files)) {
    try {
      out.push((await parse(name, text)) as Json);
    } catch (err) {
      const message = String((err as Error).message ?? err).split('\n').find((l) => l.trim() !== '') ?? 'parse error';
      throw new InputError(`${join(where, name)} is not valid HCL: ${message}`, { cause: err });
    }
  }
  return out;
}

/** Inventory of a parsed Terraform configuration: the same mapping as `terraform show -json` plans get. */
export function hclInventory(parsed: readonly Json[], source: string): Inventory {
  const { resources, problems } = hclResources(parsed);
  const mapped: InventoryResource[] = [];
  const links: { type: string; values: Json; refs: Record<string, string[]> }[] = [];
  for (const r of resources) {
    if (LINK_TYPES.has(r.type)) links.push({ type: r.type, values: r.values, refs: r.refs });
    else mapped.push(...mapTerraformResource(r.type, r.address, r.values, r.refs));
  }
  const inventory = emptyInventory();
  inventory.resources = linkTerraformResources(mapped, links);
  inventory.unreadable = problems.map((p) => ({ source, id: `terraform:${p.address}`, reason: p.reason }));
  inventory.sources = [`Terraform configuration ${source} (HCL, before apply)`];
  return inventory;
}

/** `--terraform-dir DIR`: read, parse and map the `.tf` files of a directory. */
export async function terraformDirInventory(dir: string): Promise<Inventory> {
  return hclInventory(await parseTerraform(readTerraformDir(dir), dir), dir);
}
