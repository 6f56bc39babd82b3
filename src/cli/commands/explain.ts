import type { GlossaryEntry } from '../../catalog/index.js';
import { plainTable } from '../../render/index.js';
import type { CommandResult } from '../context.js';
import type { CommandSpec } from './spec.js';

function entryText(e: GlossaryEntry): string {
  const lines = [`${e.term}  =  ${e.infra}`, '', e.meaning];
  if (e.aliases.length > 0) lines.push('', `also called: ${e.aliases.join(', ')}`);
  if (e.seeAlso?.length) lines.push(`see also: ${e.seeAlso.join(', ')}  (gpuops explain TERM)`);
  return lines.join('\n');
}

function glossaryTable(entries: readonly GlossaryEntry[]): string {
  if (entries.length === 0) return 'no glossary entry matches';
  return plainTable(['AI term', 'in infrastructure terms'], entries.map((e) => [e.term, e.infra]));
}

/** `gpuops explain TERM`: one AI term translated into infrastructure terms. */
export const explainCommand: CommandSpec = {
  name: 'explain',
  args: '<term...>',
  summary: 'translate an AI term into infrastructure terms (model = compiled binary, TPM = RPS, ...)',
  examples: ['gpuops explain TPM', 'gpuops explain "KV cache"'],
  async run(args): Promise<CommandResult> {
    const { explain } = await import('../../catalog/index.js');
    const entry = explain(args.join(' '));
    return { data: entry, table: () => entryText(entry) };
  },
};

/** `gpuops glossary [QUERY]`: the whole translation table, or the entries matching QUERY. */
export const glossaryCommand: CommandSpec = {
  name: 'glossary',
  args: '[query...]',
  summary: 'the Infra <-> AI translation table; with QUERY, only the entries that mention it',
  async run(args): Promise<CommandResult> {
    const { glossary, searchGlossary } = await import('../../catalog/index.js');
    const query = args.join(' ').trim();
    const entries = query ? searchGlossary(query) : [...glossary()];
    return { data: entries, table: () => glossaryTable(entries) };
  },
};
