import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// A first read of a big log file takes only its tail: Xids older than that are history anyway.
const FIRST_READ_MAX = 4 * 1024 * 1024;

/** Reads what was added to a kernel log since the last call: /dev/kmsg record by record, or a growing file. */
export class KernelLogReader {
  private fd: number | null = null;
  private device = false;
  private offset = 0;
  private first = true;

  constructor(readonly path: string) {}

  /** New text since the last call; `history` is true for the first read. Throws when the log cannot be read. */
  read(): { text: string; history: boolean } {
    if (this.fd === null) {
      this.fd = openSync(this.path, constants.O_RDONLY | constants.O_NONBLOCK);
      this.device = fstatSync(this.fd).isCharacterDevice();
    }
    const history = this.first;
    this.first = false;
    return { text: this.device ? this.readDevice() : this.readFile(), history };
  }

  private readDevice(): string {
    // /dev/kmsg hands out one record per read and EAGAIN once caught up; EPIPE means records were overwritten.
    const buf = Buffer.alloc(8192);
    const out: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      try {
        const n = readSync(this.fd!, buf, 0, buf.length, null);
        if (n === 0) break;
        out.push(buf.toString('utf8', 0, n));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') continue;
        if (code === 'EAGAIN') break;
        throw err;
      }
    }
    return out.join('\n');
  }

  private readFile(): string {
    const size = fstatSync(this.fd!).size;
    if (size < this.offset) this.offset = 0; // truncated or replaced by rotation
    if (this.offset === 0 && size > FIRST_READ_MAX) this.offset = size - FIRST_READ_MAX;
    const length = size - this.offset;
    if (length <= 0) return '';
    const buf = Buffer.alloc(length);
    const n = readSync(this.fd!, buf, 0, length, this.offset);
    this.offset += n;
    return buf.toString('utf8', 0, n);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
