import { InputError } from '../../errors.js';
import type { Inventory, InventoryResource } from '../../model/inventory.js';
import { LINK_TYPES, linkTerraformResources, mapTerraformResource, type TerraformRefs } from './terraform-map.js';

// `terraform show -json plan.out`: resources from planned_values (root and child modules, recursively),
// and for values unknown until apply, the references in `configuration` (as Checkov's graph does).

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

interface Planned {
  address: string;
  type: string;
  values: Json;
  /** Module path ("module.a.module.b." or ""). */
  module: string;
  /** Address without the module path and instance key. */
  configAddress: string;
  index: unknown;
}

/** Whether a document is `terraform show -json` output (a plan or a state). */
export function isTerraformShow(doc: unknown): boolean {
  const o = obj(doc);
  return o !== undefined && typeof o.format_version === 'string' && ('planned_values' in o || 'values' in o || 'terraform_version' in o);
}

function plannedResources(module: Json | undefined, out: Planned[]): void {
  if (!module) return;
  for (const raw of arr(module.resources)) {
    const r = obj(raw);
    if (!r || r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
    const modulePath = typeof module.address === 'string' ? `${module.address}.` : '';
    const local = r.address.slice(modulePath.length).replace(/\[[^\]]*\]$/, '');
    out.push({ address: r.address, type: r.type, values: obj(r.values) ?? {}, module: modulePath, configAddress: local, index: r.index });
  }
  for (const child of arr(module.child_modules)) plannedResources(obj(child), out);
}

/** configuration.root_module resources by full config address ("module.x.azurerm_y.z") -> expressions. */
function configExpressions(module: Json | undefined, prefix: string, out: Map<string, Json>): void {
  if (!module) return;
  for (const raw of arr(module.resources)) {
    const r = obj(raw);
    if (r && typeof r.address === 'string') out.set(`${prefix}${r.address}`, obj(r.expressions) ?? {});
  }
  for (const [name, call] of Object.entries(obj(module.module_calls) ?? {})) configExpressions(obj(obj(call)?.module), `${prefix}module.${name}.`, out);
}

/** Attribute paths -> reference lists, flattening nested blocks as `block.N.attr`. */
function referencesOf(expressions: Json, prefix = '', out: Map<string, string[]> = new Map()): Map<string, string[]> {
  for (const [key, value] of Object.entries(expressions)) {
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) value.forEach((block, i) => referencesOf(obj(block) ?? {}, `${path}.${i}.`, out));
    else {
      const refs = arr(obj(value)?.references).filter((x): x is string => typeof x === 'string');
      if (refs.length > 0) out.set(path, refs);
    }
  }
  return out;
}

/** Resolve one reference ("azurerm_public_ip.gpu.id") from a module to a value: the planned value, or `terraform:<address>` for an id. */
function resolve(ref: string, module: string, index: unknown, planned: Map<string, Planned>): string | null {
  const m = /^((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[[^\]]*\])?(?:\.(.+))?$/.exec(ref);
  if (!m || m[1]!.startsWith('data.') || /^(var|local|module|each|count|path|terraform)\./.test(m[1]!)) return null;
  const attr = m[3] ?? 'id';
  const base = `${module}${m[1]}`;
  const target = planned.get(`${base}${m[2] ?? ''}`)
    ?? (index !== undefined ? planned.get(`${base}[${JSON.stringify(index)}]`) : undefined)
    ?? [...planned.values()].find((p) => p.address.startsWith(`${base}[`));
  if (!target) return null;
  const value = target.values[attr];
  if (typeof value === 'string' && value !== '') return value;
  return attr === 'id' ? `terraform:${target.address}` : null;
}

function checkFormat(doc: Json, path: string): void {
  const version = String(doc.format_version);
  if (!/^1\.\d+$/.test(version)) {
    throw new InputError(`Terraform file "${path}" has format_version "${version}", which gpuops cannot read; expected 1.x (Terraform 0.12 to 1.x \`terraform show -json\`)`, {
      suggestion: 'regenerate it with `terraform show -json plan.out > plan.json` using Terraform 1.x',
    });
  }
  if (!obj(doc.planned_values) && !obj(doc.values)) {
    throw new InputError(`Terraform file "${path}" has no planned_values or values; expected the output of \`terraform show -json plan.out\` (or of a state)`);
  }
}

/** Inventory from `terraform show -json` output (a plan, or a state's `values`). */
export function terraformInventory(doc: unknown, path: string): Inventory {
  const o = obj(doc)!;
  checkFormat(o, path);
  const list: Planned[] = [];
  plannedResources(obj(obj(o.planned_values ?? o.values)?.root_module), list);
  const planned = new Map(list.map((p) => [p.address, p]));
  const expressions = new Map<string, Json>();
  configExpressions(obj(obj(o.configuration)?.root_module), '', expressions);

  const resources: InventoryResource[] = [];
  const links: { type: string; values: Json; refs: TerraformRefs }[] = [];
  for (const p of list) {
    const refs: TerraformRefs = {};
    for (const [attr, names] of referencesOf(expressions.get(`${p.module}${p.configAddress}`) ?? {})) {
      const values = [...new Set(names.map((n) => resolve(n, p.module, p.index, planned)).filter((x): x is string => x !== null))];
      // "a.b.id" and "a.b" both resolve to the same value; keep each once.
      if (values.length > 0) refs[attr] = values;
    }
    if (LINK_TYPES.has(p.type)) links.push({ type: p.type, values: p.values, refs });
    else resources.push(...mapTerraformResource(p.type, p.address, p.values, refs));
  }
  return { resources: linkTerraformResources(resources, links), metrics: [], unreadable: [], sources: [`Terraform plan ${path}`] };
}
