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

/**
 * Appends JSON lines to a file. Lines are gathered and written together every `flushMs` (1 s; or at 64 KiB),
 * so a busy gateway makes one write call per batch, not one per request; close() writes what is left.
 */
export class AccessLog {
  private readonly out: WriteStream;
  private pending: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;
  failed: Error | null = null;

  constructor(path: string, private readonly flushMs = 1000) {
    this.out = createWriteStream(path, { flags: 'a' });
    this.out.on('error', (e) => (this.failed = e));
  }

  write(record: AccessRecord): void {
    if (this.failed) return;
    const line = `${JSON.stringify(record)}\n`;
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= 65_536) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    this.out.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }

  /** Write what is pending, then close. */
  close(): Promise<void> {
    this.flush();
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}
