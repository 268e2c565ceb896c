import type { PairSummary } from '../../store/index.js';
import { INTERVAL_BINS, SIZE_BINS, addSparse, intervalBin, sizeBin, toSparse } from './histogram.js';

/** Ports remembered per pair; the rest only raise distinctPorts. */
const MAX_PORTS = 16;
// Attempts that never got an answer; OTH (mid-stream keep-alives of an established connection) is not one.
const FAILED = new Set(['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR']);

/**
 * One pair's counters while an ingest runs. Timestamps are buffered and folded (sorted) into the interval
 * histogram at flush time, because rotated files and several log types arrive out of order.
 */
export class PairState {
  dstHost: string | null = null;
  // Most pairs use one port: it lives in two fields, and a Map appears only for the second.
  private port0 = -1;
  private count0 = 0;
  private morePorts: Map<number, number> | null = null;
  /** Bitmap of every port seen, allocated once a pair passes MAX_PORTS (port scans). */
  portBits: Uint8Array | null = null;
  connections = 0;
  failed = 0;
  dupes = 0;
  bytesOut = 0;
  bytesIn = 0;
  first = Infinity;
  last = -Infinity;
  maxDuration = 0;
  totalDuration = 0;
  ts: number[] = [];
  // One buffer for the three histograms: fewer objects per pair (there can be 100,000 pairs in memory).
  private readonly counts = new Uint32Array(INTERVAL_BINS + SIZE_BINS + 24);
  readonly intervals = this.counts.subarray(0, INTERVAL_BINS);
  readonly sizes = this.counts.subarray(INTERVAL_BINS, INTERVAL_BINS + SIZE_BINS);
  readonly hours = this.counts.subarray(INTERVAL_BINS + SIZE_BINS);
  hoursSeen = 0;
  lastHour = -1;
  prevTs = NaN;
  firstFolded = NaN;

  constructor(
    readonly key: string,
    readonly kind: 'ip' | 'host',
    readonly src: string,
    public dst: string,
  ) {}

  add(ts: number, port: number, out: number, inn: number, duration: number, state: string): void {
    this.connections++;
    if (state !== '' && FAILED.has(state)) this.failed++;
    this.bytesOut += out;
    this.bytesIn += inn;
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;
    if (duration > this.maxDuration) this.maxDuration = duration;
    this.totalDuration += duration;
    if (port === this.port0 || this.port0 < 0) {
      this.port0 = port;
      this.count0++;
    } else this.addPort(port);
    this.sizes[sizeBin(out)]!++;
    this.hours[Math.floor(ts / 3600) % 24]!++;
    this.ts.push(ts);
  }

  private addPort(port: number): void {
    const ports = (this.morePorts ??= new Map());
    const c = ports.get(port);
    if (c !== undefined) ports.set(port, c + 1);
    else if (ports.size < MAX_PORTS - 1) ports.set(port, 1);
    else {
      if (this.portBits === null) {
        this.portBits = new Uint8Array(8192);
        for (const p of [this.port0, ...ports.keys()]) this.portBits[(p & 0xffff) >> 3]! |= 1 << (p & 7);
      }
      this.portBits[(port & 0xffff) >> 3]! |= 1 << (port & 7);
    }
  }

  /** Ports with their connection counts. */
  get ports(): Map<number, number> {
    const out = new Map(this.morePorts ?? []);
    if (this.port0 >= 0) out.set(this.port0, this.count0);
    return out;
  }

  /** Folds buffered timestamps into the histograms; returns how many were folded. */
  fold(): number {
    const n = this.ts.length;
    if (n === 0) return 0;
    const ts = this.ts.sort((a, b) => a - b);
    for (const t of ts) {
      if (this.prevTs !== this.prevTs) this.firstFolded = t;
      else {
        const d = t - this.prevTs;
        if (d < 0) continue;
        if (d < 1) this.dupes++;
        else this.intervals[intervalBin(d)]!++;
      }
      this.prevTs = t;
      const hour = Math.floor(t / 3600);
      if (hour > this.lastHour) {
        this.hoursSeen++;
        this.lastHour = hour;
      }
    }
    this.ts = [];
    return n;
  }

  /** The summary after merging with what the store already holds for this pair. */
  merge(stored: PairSummary | undefined): PairSummary {
    this.fold();
    const ports: Record<string, number> = { ...(stored?.ports ?? {}) };
    for (const [p, c] of this.ports) ports[p] = (ports[p] ?? 0) + c;
    const top = Object.entries(ports).sort((a, b) => b[1] - a[1]);
    const mine: PairSummary = {
      key: this.key,
      kind: this.kind,
      src: this.src,
      dst: this.dst,
      dstHost: this.dstHost ?? stored?.dstHost ?? null,
      ports: Object.fromEntries(top.slice(0, MAX_PORTS)),
      distinctPorts: Math.max(stored?.distinctPorts ?? 0, top.length, this.portBits ? countBits(this.portBits) : 0),
      connections: this.connections + (stored?.connections ?? 0),
      failed: this.failed + (stored?.failed ?? 0),
      dupes: this.dupes + (stored?.dupes ?? 0),
      bytesOut: this.bytesOut + (stored?.bytesOut ?? 0),
      bytesIn: this.bytesIn + (stored?.bytesIn ?? 0),
      firstSeen: Math.min(Math.round(this.first * 1000), stored?.firstSeen ?? Infinity),
      lastSeen: Math.max(Math.round(this.last * 1000), stored?.lastSeen ?? -Infinity),
      maxDuration: Math.max(this.maxDuration, stored?.maxDuration ?? 0),
      totalDuration: this.totalDuration + (stored?.totalDuration ?? 0),
      intervals: toSparse(this.intervals),
      sizes: toSparse(this.sizes),
      hours: Array.from(this.hours, (c, i) => c + (stored?.hours[i] ?? 0)),
      hoursSeen: this.hoursSeen,
      lastHour: this.lastHour,
    };
    if (!stored) return mine;
    // The gap between the stored pair's last connection and this ingest's first is one more interval.
    const gap = this.firstFolded - stored.lastSeen / 1000;
    const boundary = new Uint32Array(INTERVAL_BINS);
    let dupes = 0;
    if (gap >= 1) boundary[intervalBin(gap)]!++;
    else if (gap >= 0) dupes++;
    const sameHour = Math.floor(this.firstFolded / 3600) <= stored.lastHour ? 1 : 0;
    return {
      ...mine,
      dupes: mine.dupes + dupes,
      intervals: addSparse(addSparse(stored.intervals, mine.intervals, INTERVAL_BINS), toSparse(boundary), INTERVAL_BINS),
      sizes: addSparse(stored.sizes, mine.sizes, SIZE_BINS),
      hoursSeen: stored.hoursSeen + mine.hoursSeen - sameHour,
      lastHour: Math.max(stored.lastHour, mine.lastHour),
    };
  }
}

function countBits(bits: Uint8Array): number {
  let n = 0;
  for (let b of bits) for (; b; b &= b - 1) n++;
  return n;
}
