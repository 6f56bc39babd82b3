/** Stable error codes; the CLI maps each class to an exit code. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'BAD_USAGE'
  | 'UNKNOWN_SKU'
  | 'UNKNOWN_REGION'
  | 'REMOTE_FAILED'
  | 'NO_CREDENTIALS'
  | 'UNKNOWN_MODEL'
  | 'NO_FIT'
  | 'DEADLINE_PASSED';

interface ErrorOptions {
  suggestion?: string;
  cause?: unknown;
}

/** Base of every error gpuops reports to the user. */
export class GpuopsError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly suggestion?: string;

  constructor(code: ErrorCode, exitCode: number, message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.suggestion = options.suggestion;
  }
}

/** A flag, file or argument is wrong: names the input, what was wrong and what was expected. Exit 2. */
export class InputError extends GpuopsError {
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'BAD_INPUT', 2, message, options);
  }
}

/** A remote service failed: names the service, the status and what to do. Exit 3. */
export class RemoteError extends GpuopsError {
  readonly service: string;
  readonly status?: number;

  constructor(service: string, status: number | undefined, message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(options.code ?? 'REMOTE_FAILED', 3, `${service}${status ? ` returned HTTP ${status}` : ' failed'}: ${message}`, options);
    this.service = service;
    this.status = status;
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The `limit` candidates nearest to `input` (case-insensitive), best first. */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => {
      const hay = c.toLowerCase();
      const bonus = hay.includes(needle) || needle.includes(hay) ? -2 : 0;
      return { c, d: distance(needle, hay) + bonus };
    })
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}
