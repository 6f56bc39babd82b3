import { rename, rm, writeFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import type { Inventory } from '../../model/inventory.js';
import type { CommandResult } from '../context.js';
import { readInventory, type InventoryFlags } from '../inventory-source.js';
import { plainTable } from '../../render/index.js';
import { inventoryOptions } from './audit.js';
import type { CommandSpec } from './spec.js';

interface InventoryOptions extends InventoryFlags {
  out?: string;
}

const ACTIONS = ['export', 'list'] as const;

function listTable(inv: Inventory): string {
  const counts = new Map<string, number>();
  for (const r of inv.resources) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return plainTable(['kind', 'resources'], [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => [k, String(n)]));
}

/** `gpuops inventory`: export the estate as one bundle an audit can read offline, or count what was read. */
export const inventoryCommand: CommandSpec<InventoryOptions> = {
  name: 'inventory',
  args: '<action>',
  summary: 'export the estate (live or from files) as one bundle for offline audits, or list what a source holds',
  examples: [
    'gpuops inventory export --live --out estate.json',
    'gpuops inventory export --from resources.json --from budgets.json --out estate.json',
    'gpuops inventory list --from estate.json',
  ],
  options: (cmd) => {
    inventoryOptions(cmd);
    cmd.option('--out <file>', 'export: write the bundle here (default: stdout)');
  },
  async run(args, opts, ctx): Promise<CommandResult> {
    const action = args[0]?.toLowerCase();
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new InputError(`inventory action "${args[0] ?? ''}" is not known; expected one of: ${ACTIONS.join(', ')}`);
    }
    if (action === 'list' && opts.out !== undefined) throw new InputError('--out applies to `inventory export` only; `inventory list` prints what the source holds', { suggestion: 'drop --out, or run `gpuops inventory export ... --out FILE`' });
    const today = ctx.today ?? new Date().toISOString().slice(0, 10);
    const { inventory, note } = await readInventory(opts, ctx, today);
    const notes = [...(note ? [note] : []), `read: ${inventory.sources.join('; ')}`];
    if (action === 'list') {
      const rows = inventory.resources.map((r) => ({ kind: r.kind, name: r.name, type: r.type, location: r.location, resourceGroup: r.resourceGroup, id: r.id }));
      return { data: rows, table: () => listTable(inventory), notes };
    }
    const { BUNDLE_FORMAT } = await import('../../azure/inventory/files.js');
    const bundle = { format: BUNDLE_FORMAT, exportedAt: new Date().toISOString(), inventory };
    if (!opts.out) return { data: bundle, table: () => JSON.stringify(bundle, null, 2), notes };
    // Written beside the target and renamed over it: a failed write (disk full, interrupted) never leaves a
    // truncated bundle where an earlier export was.
    const temp = `${opts.out}.${process.pid}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(bundle)}\n`, { flag: 'wx' });
      await rename(temp, opts.out);
    } catch (cause) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new InputError(`--out "${opts.out}" cannot be written (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { cause });
    }
    const summary = { out: opts.out, resources: inventory.resources.length, metrics: inventory.metrics.length, unreadable: inventory.unreadable.length };
    return { data: summary, table: () => `wrote ${summary.resources} resources, ${summary.metrics} metric series to ${opts.out}`, notes };
  },
};
