/** One NVRM Xid line from the kernel log. */
export interface XidEvent {
  /** The GPU's PCI address normalised as `domain:bus:device` (lower-case hex, no leading zeros in the domain). */
  pci: string;
  xid: number;
  /** Seconds since this boot, from a /dev/kmsg record; null for lines read from a log file. */
  uptimeS: number | null;
}

// The driver logs `NVRM: Xid (PCI:0000:3b:00): 79, pid=..., ...`. /dev/kmsg records start `prio,seq,usec,flags;`
// with microseconds since this boot. The `[  981.002311]` of dmesg/syslog files is ignored: a log file spans
// reboots, so an uptime stamp in it cannot be turned into a date.
const XID = /NVRM: Xid \(PCI:([0-9a-fA-F]+):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\): (\d+)\b/;
const KMSG_TIME = /^\d+,\d+,(\d+),[^;]*;/;

/** `00000000:3B:00.0` (nvidia-smi) or `0000:3b:00` (kernel) -> `0:3b:00`. */
export function pciKey(busId: string): string | null {
  const m = /^([0-9a-fA-F]+):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})(?:\.[0-7])?$/.exec(busId.trim());
  return m ? `${parseInt(m[1]!, 16).toString(16)}:${m[2]!.toLowerCase()}:${m[3]!.toLowerCase()}` : null;
}

/** The Xid events in kernel log text (dmesg, syslog or /dev/kmsg layout); other lines are skipped. */
export function parseXidLines(text: string): XidEvent[] {
  const out: XidEvent[] = [];
  for (const line of text.split('\n')) {
    const m = XID.exec(line);
    if (!m) continue;
    const xid = Number(m[4]);
    if (!Number.isSafeInteger(xid)) continue;
    const kmsg = KMSG_TIME.exec(line);
    const uptimeS = kmsg ? Number(kmsg[1]) / 1e6 : null;
    out.push({ pci: pciKey(`${m[1]}:${m[2]}:${m[3]}`)!, xid, uptimeS: uptimeS !== null && Number.isFinite(uptimeS) ? uptimeS : null });
  }
  return out;
}

/** Per GPU (by PCI key): Xid -> count and the wall-clock second it was last seen (null: before the exporter). */
export type XidState = Map<string, { last: number; byXid: Map<number, { count: number; lastSeenS: number | null }> }>;

/**
 * Fold new events into `state`. `bootS` is the wall-clock second the machine booted, used to date lines that
 * carry an uptime stamp; `seenS` dates lines that do not (null while reading history at start-up).
 */
export function addXids(state: XidState, events: readonly XidEvent[], bootS: number, seenS: number | null): void {
  for (const e of events) {
    const gpu = state.get(e.pci) ?? { last: e.xid, byXid: new Map() };
    gpu.last = e.xid;
    const entry = gpu.byXid.get(e.xid) ?? { count: 0, lastSeenS: null };
    entry.count += 1;
    const at = e.uptimeS !== null ? bootS + e.uptimeS : seenS;
    if (at !== null) entry.lastSeenS = Math.max(entry.lastSeenS ?? 0, at);
    gpu.byXid.set(e.xid, entry);
    state.set(e.pci, gpu);
  }
}
