import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * One access-log line. It never holds a key, a prompt or a completion: only the key's configured name,
 * the model name the client asked for, counts and times.
 */
export interface AccessRecord {
  time: string;
  key: string | null;
  model: string | null;
  path: string;
  upstream: string | null;
  status: number;
  stream: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  /** Tokens held at admission (estimate); null when no limit applied. */
  reservedTokens: number | null;
  ttftMs: number | null;
  durationMs: number;
  error?: string;
}

/** Appends JSON lines to a file; writes are buffered by the stream, never awaited on the request path. */
export class AccessLog {
  private readonly out: WriteStream;
  failed: Error | null = null;

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: 'a' });
    this.out.on('error', (e) => (this.failed = e));
  }

  write(record: AccessRecord): void {
    if (!this.failed) this.out.write(`${JSON.stringify(record)}\n`);
  }

  /** Flush and close. */
  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}
