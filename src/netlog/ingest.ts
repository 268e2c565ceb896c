import { stat } from 'node:fs/promises';
import { newId } from '../core/index.js';
import {
  getDnsSummaries,
  getPairSummaries,
  insertIngestRun,
  replaceNetFindings,
  saveDnsSummaries,
  savePairSummaries,
  scanDnsSummaries,
  scanPairContext,
  scanPairSummaries,
  type Db,
} from '../store/index.js';
import { NetAggregate, mergeBatch, type DirectionCounts } from './analytics/aggregate.js';
import { analyse } from './analytics/analyse.js';
import { InternalNetworks } from './analytics/networks.js';
import { expandPaths } from './readers/paths.js';
import { readLogFile, type FileReport } from './readers/read-file.js';

/** States held in memory before they are merged into the store mid-ingest (bounded memory). */
export const DEFAULT_MAX_STATES = 250_000;
const FLUSH_SLICE = 5000;
/**
 * Timestamps buffered before they are folded into the interval histograms (16 MiB of numbers). Folding sorts per
 * pair, so only a connection older than one already folded in the same pair is lost to the intervals — rotated
 * files read in order never do that.
 */
const MAX_BUFFERED_TIMESTAMPS = 2_000_000;

export interface IngestOptions {
  readonly org?: string;
  readonly paths: readonly string[];
  /** Internal networks (CIDRs). */
  readonly internal: readonly string[];
  readonly maxStates?: number;
  /** Called as bytes are read, with the total of all files. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What `mamori ingest` prints. */
export interface IngestReport {
  readonly files: FileReport[];
  readonly records: number;
  readonly badLines: number;
  readonly skippedLines: number;
  readonly perType: Record<string, { records: number; badLines: number; skippedLines: number; files: number }>;
  readonly directions: DirectionCounts;
  readonly seconds: number;
  readonly readSeconds: number;
  readonly analyseSeconds: number;
  readonly findings: number;
}

/**
 * Reads logs, merges per-pair and per-domain summaries into the store (incrementally: stored summaries are
 * extended, not rebuilt), then rescoring every stored summary into the findings table.
 *
 * @example
 * const report = await ingestLogs(store.db, { paths: ['/var/log/zeek/current'], internal: ['10.0.0.0/8'] });
 */
export async function ingestLogs(db: Db, opts: IngestOptions): Promise<IngestReport> {
  const org = opts.org ?? 'default';
  const started = new Date();
  const t0 = performance.now();
  const nets = InternalNetworks.parse(opts.internal);
  const files = await expandPaths(opts.paths);
  let total = 0;
  for (const f of files) total += (await stat(f)).size;
  let done = 0;
  const agg = new NetAggregate(nets);
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES;
  const flush = async (): Promise<void> => {
    const batch = agg.take();
    // Slice by slice, so stored rows, merged summaries and their JSON never all sit in memory at once.
    for (let i = 0; i < Math.max(batch.pairs.length, batch.dns.length); i += FLUSH_SLICE) {
      const slice = { pairs: batch.pairs.slice(i, i + FLUSH_SLICE), dns: batch.dns.slice(i, i + FLUSH_SLICE) };
      const storedPairs = await getPairSummaries(db, org, slice.pairs.map((p) => p.key));
      const storedDns = await getDnsSummaries(db, org, slice.dns.map((d) => d.key));
      const merged = mergeBatch(slice, storedPairs, storedDns);
      await savePairSummaries(db, org, merged.pairs);
      await saveDnsSummaries(db, org, merged.dns);
      for (let j = i; j < i + FLUSH_SLICE && j < batch.pairs.length; j++) batch.pairs[j] = undefined as never;
    }
  };
  const reports: FileReport[] = [];
  for (const f of files) {
    reports.push(
      await readLogFile(f, agg, {
        onBytes: (n) => {
          done += n;
          opts.onProgress?.(done, total);
        },
        afterChunk: async () => {
          if (agg.size >= maxStates) await flush();
          else if (agg.buffered >= MAX_BUFFERED_TIMESTAMPS) agg.foldAll();
        },
      }),
    );
  }
  await flush();
  const t1 = performance.now();
  const findings = await analyse(
    () => scanPairSummaries(db, org),
    () => scanDnsSummaries(db, org),
    () => scanPairContext(db, org),
  );
  await replaceNetFindings(db, org, findings);
  const t2 = performance.now();
  const perType: IngestReport['perType'] = {};
  for (const r of reports) {
    const t = (perType[r.logType || (r.format === null ? 'not a log' : 'unknown')] ??= { records: 0, badLines: 0, skippedLines: 0, files: 0 });
    t.records += r.records;
    t.badLines += r.badLines;
    t.skippedLines += r.skippedLines;
    t.files++;
  }
  const report: IngestReport = {
    files: reports,
    records: reports.reduce((s, r) => s + r.records, 0),
    badLines: reports.reduce((s, r) => s + r.badLines, 0),
    skippedLines: reports.reduce((s, r) => s + r.skippedLines, 0),
    perType,
    directions: { ...agg.directions },
    seconds: (t2 - t0) / 1000,
    readSeconds: (t1 - t0) / 1000,
    analyseSeconds: (t2 - t1) / 1000,
    findings: findings.length,
  };
  await insertIngestRun(db, {
    id: newId('ing'),
    org,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    paths: [...opts.paths],
    records: report.records,
    badLines: report.badLines,
    perType: Object.fromEntries(Object.entries(perType).map(([k, v]) => [k, { records: v.records, badLines: v.badLines }])),
    internal: [...opts.internal],
    seconds: report.seconds,
  });
  return report;
}
