import type { BenchRun, BenchStage } from './run.js';

/** The `-o json` document: one run flattened (DESIGN.md contract), or a sweep with its stages. */
export type BenchJson = Omit<BenchRun, 'stages'> & (BenchStage | { sweep: { field: string; values: (number | null)[] }; stages: BenchStage[] });

/** Shape a run for output and history. */
export function benchJson(run: BenchRun, sweepField?: 'concurrency' | 'rate'): BenchJson {
  const { stages, ...meta } = run;
  if (!sweepField && stages.length === 1) return { ...meta, ...stages[0]! };
  const field = sweepField ?? 'concurrency';
  return { ...meta, sweep: { field, values: stages.map((s) => s.load[field]) }, stages };
}

/** The stages of a bench document, whichever shape it has. */
export function stagesOf(doc: BenchJson): BenchStage[] {
  return 'stages' in doc ? doc.stages : [doc as BenchStage];
}
