import type { PairContextRow } from '../../store/index.js';

interface LogStats {
  n: number;
  sum: number;
  sum2: number;
}

const addLog = (s: LogStats, bytes: number): void => {
  const l = Math.log10(bytes + 1);
  s.n++;
  s.sum += l;
  s.sum2 += l * l;
};

/** How many standard deviations `bytes` sits above the distribution (log10 scale); 0 with too few samples. */
function zOf(s: LogStats | undefined, bytes: number): number {
  if (!s || s.n < 5) return 0;
  const mean = s.sum / s.n;
  const sd = Math.sqrt(Math.max(0, s.sum2 / s.n - mean * mean));
  return (Math.log10(bytes + 1) - mean) / Math.max(sd, 0.25);
}

/**
 * Network-wide facts every score needs, gathered in one pass over the stored pairs: how many internal hosts talk
 * to each destination, each source's observed time span and byte distribution, and the network's.
 *
 * @example
 * const ctx = new HuntContext(); for (const p of pairs) ctx.observe(p); ctx.srcsFor('203.0.113.9');
 */
export class HuntContext {
  private readonly dsts = new Map<string, { srcs: number; first: number }>();
  private readonly srcs = new Map<string, { first: number; last: number; bytes: LogStats }>();
  private readonly network: LogStats = { n: 0, sum: 0, sum2: 0 };
  private readonly dnsSources = new Set<string>();

  /** Notes that the source's DNS queries are in the logs. */
  observeDns(src: string): void {
    this.dnsSources.add(src);
  }

  hasDns(src: string): boolean {
    return this.dnsSources.has(src);
  }

  observe(p: PairContextRow): void {
    if (p.kind === 'ip') {
      const d = this.dsts.get(p.dst);
      if (d) {
        d.srcs++;
        d.first = Math.min(d.first, p.firstSeen);
      } else this.dsts.set(p.dst, { srcs: 1, first: p.firstSeen });
      addLog(this.network, p.bytesOut);
    }
    const s = this.srcs.get(p.src);
    if (s) {
      s.first = Math.min(s.first, p.firstSeen);
      s.last = Math.max(s.last, p.lastSeen);
    } else this.srcs.set(p.src, { first: p.firstSeen, last: p.lastSeen, bytes: { n: 0, sum: 0, sum2: 0 } });
    if (p.kind === 'ip') addLog(this.srcs.get(p.src)!.bytes, p.bytesOut);
  }

  /** Internal hosts seen talking to the destination address. */
  srcsFor(dst: string): number {
    return this.dsts.get(dst)?.srcs ?? 0;
  }

  /** When any internal host first talked to the destination (epoch ms). */
  firstSeenOf(dst: string): number {
    return this.dsts.get(dst)?.first ?? NaN;
  }

  /** Internal hosts seen at all. */
  get internalHosts(): number {
    return this.srcs.size;
  }

  /** The source's observed span in seconds (at least 1). */
  srcSpan(src: string): number {
    const s = this.srcs.get(src);
    return s ? Math.max(1, (s.last - s.first) / 1000) : 1;
  }

  /** Bytes-out z-scores against the source's own pairs and against the whole network's. */
  volumeZ(src: string, bytes: number): { own: number; network: number } {
    return { own: zOf(this.srcs.get(src)?.bytes, bytes), network: zOf(this.network, bytes) };
  }
}
