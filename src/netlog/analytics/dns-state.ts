import type { DnsSummary } from '../../store/index.js';
import { hash32, kmvAdd, kmvMerge } from './kmv.js';

const SAMPLES = 5;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) counts.set(s.charCodeAt(i), (counts.get(s.charCodeAt(i)) ?? 0) + 1);
  let e = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    e -= p * Math.log2(p);
  }
  return e;
}

/** DNS counters for one (source, registered domain) — or (source, `*`) — while an ingest runs. */
export class DnsState {
  queries = 0;
  nx = 0;
  txt = 0;
  readonly unique: number[] = [];
  readonly nxUnique: number[] = [];
  labelChars = 0;
  maxLabel = 0;
  entropySum = 0;
  readonly samples: string[] = [];
  first = Infinity;
  last = -Infinity;

  constructor(
    readonly key: string,
    readonly src: string,
    readonly domain: string,
  ) {}

  /** Counts one query; `name` is the subdomain part (or the registered domain for the `*` summary). */
  add(ts: number, name: string, nx: boolean, dataType: boolean, charsAndEntropy: boolean): void {
    this.queries++;
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;
    if (dataType) this.txt++;
    if (name === '') return;
    const h = hash32(name);
    kmvAdd(this.unique, h);
    if (nx) {
      this.nx++;
      kmvAdd(this.nxUnique, h);
    }
    if (charsAndEntropy) {
      this.labelChars += name.length;
      this.entropySum += entropy(name.replace(/\./g, ''));
      for (const label of name.split('.')) if (label.length > this.maxLabel) this.maxLabel = label.length;
    }
    if (this.samples.length < SAMPLES && (!this.domain.startsWith('*') || nx) && !this.samples.includes(name)) this.samples.push(name);
  }

  merge(stored: DnsSummary | undefined): DnsSummary {
    const samples = [...(stored?.samples ?? [])];
    for (const s of this.samples) if (samples.length < SAMPLES && !samples.includes(s)) samples.push(s);
    return {
      key: this.key,
      src: this.src,
      domain: this.domain,
      queries: this.queries + (stored?.queries ?? 0),
      nx: this.nx + (stored?.nx ?? 0),
      txt: this.txt + (stored?.txt ?? 0),
      uniqueSketch: kmvMerge(stored?.uniqueSketch ?? [], this.unique),
      nxSketch: kmvMerge(stored?.nxSketch ?? [], this.nxUnique),
      labelChars: this.labelChars + (stored?.labelChars ?? 0),
      maxLabel: Math.max(this.maxLabel, stored?.maxLabel ?? 0),
      entropySum: this.entropySum + (stored?.entropySum ?? 0),
      samples,
      firstSeen: Math.min(Math.round(this.first * 1000), stored?.firstSeen ?? Infinity),
      lastSeen: Math.max(Math.round(this.last * 1000), stored?.lastSeen ?? -Infinity),
    };
  }
}
