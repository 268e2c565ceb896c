import type { NetFinding } from '../../core/index.js';
import type { DnsSummary, PairContextRow, PairSummary } from '../../store/index.js';
import { scoreBeacon } from './beacon.js';
import { HuntContext } from './context.js';
import { scoreDga, scoreDnsTunnel } from './dns-tunnel.js';
import { scoreExfil, scoreLongConnection, scoreRare, scoreStrobe } from './pair-kinds.js';

/** Findings kept per kind (highest scores); rare destinations alone can number in the thousands. */
export const MAX_FINDINGS_PER_KIND = 5000;

/** A source of summaries that can be read more than once (the store, or arrays in tests). */
export type Pages<T> = () => AsyncIterable<T[]>;

/**
 * Scores every stored summary into findings: one pass for network context (over `context`, which may read
 * fewer columns than `pairs`), one for the scores.
 * Memory holds one page, the context maps and the findings.
 *
 * @example
 * const findings = await analyse(() => scanPairSummaries(db, org), () => scanDnsSummaries(db, org));
 */
export async function analyse(pairs: Pages<PairSummary>, dns: Pages<DnsSummary>, context: Pages<PairContextRow> = pairs): Promise<NetFinding[]> {
  const ctx = new HuntContext();
  for await (const page of context()) for (const p of page) ctx.observe(p);
  for await (const page of dns()) for (const d of page) if (d.domain === '*') ctx.observeDns(d.src);
  const out: NetFinding[] = [];
  for await (const page of pairs()) {
    for (const p of page) {
      const strobe = scoreStrobe(p);
      if (strobe) out.push(strobe);
      else {
        const b = scoreBeacon(p, ctx);
        if (b) out.push(b);
      }
      for (const f of [scoreLongConnection(p, ctx), scoreExfil(p, ctx), scoreRare(p, ctx)]) if (f) out.push(f);
    }
  }
  for await (const page of dns()) {
    for (const d of page) {
      const f = scoreDnsTunnel(d) ?? scoreDga(d);
      if (f) out.push(f);
    }
  }
  out.sort((a, b) => b.score - a.score || a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst));
  // A destination named by SNI/Host is scored twice (address pair and name pair); report the stronger one.
  const seen = new Set<string>();
  const perKind = new Map<string, number>();
  return out.filter((f) => {
    const same = `${f.kind}\t${f.src}\t${f.dst}\t${f.dstHost ?? ''}`;
    if (seen.has(same)) return false;
    seen.add(same);
    const n = (perKind.get(f.kind) ?? 0) + 1;
    perKind.set(f.kind, n);
    return n <= MAX_FINDINGS_PER_KIND;
  });
}

/**
 * Turns arrays into `Pages` (tests, small inputs).
 *
 * @example
 * await analyse(pagesOf(pairs), pagesOf([]));
 */
export function pagesOf<T>(items: readonly T[]): Pages<T> {
  return async function* () {
    yield [...items];
  };
}
