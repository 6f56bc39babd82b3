// Terraform configuration (HCL, parsed by hcl2json into JSON) -> one record per resource instance,
// with the values Terraform would know before apply and the references it resolves only at apply.
// Pure: the reader in terraform-hcl.ts does the file I/O and the parsing.

type Json = Record<string, unknown>;

/** One resource instance as a plan would show it: its values, and references as `terraform:<address>` ids. */
export interface HclResource {
  type: string;
  /** "azurerm_linux_virtual_machine.gpu[0]", or without the index when there is no count. */
  address: string;
  values: Json;
  /** Attribute path (`network_interface_ids`, `ip_configuration.0.subnet_id`) -> resolved references. */
  refs: Record<string, string[]>;
}

/** What could not be read, with where. */
export interface HclProblem {
  address: string;
  reason: string;
}

const obj = (x: unknown): Json | undefined => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);
const UNKNOWN = Symbol('unknown');
const HOLE = '\u0000';
/** Stands for the subscription id in an ARM id Terraform knows only after apply. */
export const AFTER_APPLY = '(known-after-apply)';
type Resolved = unknown | typeof UNKNOWN;

interface Scope {
  vars: Json;
  locals: Json;
  index: number | null;
  /** Config addresses ("azurerm_x.y") -> whether it has count, and its evaluated literal values per instance. */
  resources: Map<string, { counted: boolean; instances: Json[] }>;
}

/** Merge every parsed file: hcl2json returns `{ resource: { type: { name: [body] } }, variable: ..., locals: [...] }`. */
export function mergeParsed(files: readonly Json[]): { resources: Array<{ type: string; name: string; body: Json }>; vars: Json; locals: Json[] } {
  const resources: Array<{ type: string; name: string; body: Json }> = [];
  const vars: Json = {};
  const locals: Json[] = [];
  for (const f of files) {
    for (const [type, byName] of Object.entries(obj(f.resource) ?? {})) {
      for (const [name, bodies] of Object.entries(obj(byName) ?? {})) {
        const body = Array.isArray(bodies) ? obj(bodies[0]) : undefined;
        if (body) resources.push({ type, name, body });
      }
    }
    for (const [name, decls] of Object.entries(obj(f.variable) ?? {})) {
      const d = Array.isArray(decls) ? obj(decls[0]) : undefined;
      if (d && 'default' in d) vars[name] = d.default;
    }
    if (Array.isArray(f.locals)) for (const l of f.locals) if (obj(l)) locals.push(obj(l)!);
  }
  return { resources, vars, locals };
}

const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[(?:\d+|count\.index|"[^"]*")\])*$/;

/** Split `a.b[0].c["k"]` into ["a", "b", 0, "c", "k"], `count.index` left as a string to resolve. */
function steps(expr: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of expr.matchAll(/([A-Za-z_][\w-]*)|\[(\d+|count\.index|"[^"]*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (/^\d+$/.test(m[2]!)) out.push(Number(m[2]));
    else out.push(m[2]!.startsWith('"') ? m[2]!.slice(1, -1) : m[2]!);
  }
  return out;
}

function walk(value: unknown, path: Array<string | number>): Resolved {
  let cur = value;
  for (const p of path) {
    if (Array.isArray(cur) && typeof p === 'number') cur = cur[p];
    else if (obj(cur) && typeof p === 'string') cur = obj(cur)![p];
    else return UNKNOWN;
    if (cur === undefined) return UNKNOWN;
  }
  return cur;
}

/** A reference to another resource: its literal attribute value, or `terraform:<address>` for its id. */
function resourceRef(path: Array<string | number>, scope: Scope): { value?: unknown; ref?: string } | null {
  const [type, name, ...rest] = path;
  const key = `${type}.${name}`;
  const target = scope.resources.get(key);
  if (!target) return null;
  let index: number | null = null;
  let attrPath = rest;
  if (rest[0] === 'count.index') index = scope.index;
  else if (typeof rest[0] === 'number') index = rest[0];
  if (index !== null || rest[0] === 'count.index') attrPath = rest.slice(1);
  const address = target.counted ? `${key}[${index ?? 0}]` : key;
  if (attrPath.length === 0 || (attrPath.length === 1 && attrPath[0] === 'id')) return { ref: `terraform:${address}` };
  const instance = target.instances[index ?? 0] ?? target.instances[0];
  const value = instance ? walk(instance, attrPath) : UNKNOWN;
  return value === UNKNOWN ? {} : { value };
}

/** Evaluate one `${...}` expression. */
function expression(expr: string, scope: Scope, refs: string[]): Resolved {
  const e = expr.trim();
  if (e === 'count.index') return scope.index ?? UNKNOWN;
  if (!TRAVERSAL.test(e)) return UNKNOWN;
  const path = steps(e).map((p) => (p === 'count.index' ? scope.index ?? 0 : p));
  if (path[0] === 'var') return walk(scope.vars, path.slice(1));
  if (path[0] === 'local') return walk(scope.locals, path.slice(1));
  const hit = resourceRef(path, scope);
  if (!hit) return UNKNOWN;
  if (hit.ref) {
    refs.push(hit.ref);
    return UNKNOWN;
  }
  return 'value' in hit ? hit.value : UNKNOWN;
}

/** Evaluate a string: a whole `${expr}` keeps its type; a template becomes a string when every part is known. */
function str(s: string, scope: Scope, refs: string[]): Resolved {
  const whole = /^\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}$/.exec(s);
  if (whole && !s.slice(2, -1).includes('${')) return expression(whole[1]!, scope, refs);
  const text = s.replace(/(\$?)\$\{([^}]*)\}/g, (all, escaped: string, inner: string) => {
    if (escaped) return all.slice(1);
    const v = expression(inner, scope, refs);
    return v === UNKNOWN || (typeof v === 'object' && v !== null) ? HOLE : String(v);
  });
  if (!text.includes(HOLE)) return text;
  // An ARM id whose subscription is known only at apply still names its resource group, which is what scopes match on.
  const armId = new RegExp(`^/subscriptions/${HOLE}(/resourceGroups/[^/${HOLE}]+(?:/[^${HOLE}]*)?)$`, 'i').exec(text);
  return armId ? `/subscriptions/${AFTER_APPLY}${armId[1]}` : UNKNOWN;
}

/** Evaluate any value; `refs` collects references per attribute path. */
export function evaluate(value: unknown, scope: Scope, path: string, refs: Record<string, string[]>): Resolved {
  if (typeof value === 'string') {
    const found: string[] = [];
    const v = str(value, scope, found);
    if (found.length > 0) refs[path] = [...new Set([...(refs[path] ?? []), ...found])];
    return v;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((x, i) => {
      // Blocks are lists of objects: their attributes get the `block.N.attr` paths; list items share the list's path.
      const v = evaluate(x, scope, obj(x) ? `${path}.${i}` : path, refs);
      if (v !== UNKNOWN) out.push(v);
    });
    return out;
  }
  const o = obj(value);
  if (o) {
    const out: Json = {};
    for (const [k, x] of Object.entries(o)) {
      const v = evaluate(x, scope, path ? `${path}.${k}` : k, refs);
      if (v !== UNKNOWN) out[k] = v;
    }
    return out;
  }
  return value;
}

const META = new Set(['count', 'depends_on', 'lifecycle', 'provider', 'for_each', 'provisioner', 'connection']);

/** Every resource instance of a configuration, count expanded, values resolved where Terraform could. */
export function hclResources(files: readonly Json[]): { resources: HclResource[]; problems: HclProblem[] } {
  const { resources, vars, locals } = mergeParsed(files);
  const scope: Scope = { vars, locals: {}, index: null, resources: new Map() };
  for (const l of locals) for (const [k, x] of Object.entries(l)) {
    const v = evaluate(x, scope, k, {});
    if (v !== UNKNOWN) scope.locals[k] = v;
  }
  const problems: HclProblem[] = [];
  const counts = new Map<string, number | null>();
  for (const r of resources) {
    const key = `${r.type}.${r.name}`;
    if ('for_each' in r.body) problems.push({ address: key, reason: 'for_each is not expanded; read as one instance' });
    if (!('count' in r.body)) {
      counts.set(key, null);
      continue;
    }
    const n = evaluate(r.body.count, scope, 'count', {});
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) counts.set(key, n);
    else {
      problems.push({ address: key, reason: 'count could not be resolved before apply; read as one instance' });
      counts.set(key, 1);
    }
  }
  // Two passes: literal values first (so references to names and locations resolve), then references.
  for (const r of resources) {
    const key = `${r.type}.${r.name}`;
    const n = counts.get(key);
    scope.resources.set(key, { counted: n !== null, instances: [] });
  }
  const out: HclResource[] = [];
  for (const pass of [1, 2]) {
    for (const r of resources) {
      const key = `${r.type}.${r.name}`;
      const n = counts.get(key) ?? null;
      const instances: Json[] = [];
      for (let i = 0; i < (n ?? 1); i++) {
        const refs: Record<string, string[]> = {};
        const values: Json = {};
        for (const [k, x] of Object.entries(r.body)) {
          if (META.has(k)) continue;
          const v = evaluate(x, { ...scope, index: n === null ? null : i }, k, refs);
          if (v !== UNKNOWN) values[k] = v;
        }
        instances.push(values);
        if (pass === 2) out.push({ type: r.type, address: n === null ? key : `${key}[${i}]`, values, refs });
      }
      scope.resources.get(key)!.instances = instances;
    }
  }
  return { resources: out, problems };
}
