// Ingest and analysis speed of mamori's network log analytics, with a raw line-splitting baseline.
// Usage: npx tsx bench/netlog-speed.ts [--records N] [--read-records M] [--hosts H] [--max-states S] [--skip-read] [--keep]
// --skip-read runs only the full ingest, so the peak RSS printed is the ingest's alone.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_STATES, forEachLine, ingestLogs, InternalNetworks, NetAggregate, readLogFile, type RecordSink } from '../src/netlog/index.js';
import { openStore } from '../src/store/index.js';
import { loadRealConn, writeReplay } from './netlog-replay.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' }, 'read-records': { type: 'string', default: '1000000' }, hosts: { type: 'string', default: '200' }, 'skip-read': { type: 'boolean', default: false }, 'max-states': { type: 'string', default: String(DEFAULT_MAX_STATES) }, keep: { type: 'boolean', default: false } } });
const records = Number(values.records);
const readRecords = Number(values['read-records']);
const hosts = Number(values.hosts);
const dir = mkdtempSync(join(tmpdir(), 'mamori-netlog-bench-'));
const mib = (p: string) => (statSync(p).size / 1048576).toFixed(1);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
// The machine is shared: CPU time (user + system of this process) gives the per-core rate, wall time what a user waits.
const rate = (n: number, t: Timing) => `${fmt((n / t.cpu) * 1000)} rec/s per CPU-second (${fmt((n / t.wall) * 1000)} rec/s wall)`;

interface Timing {
  wall: number;
  cpu: number;
}

const noop: RecordSink = { conn() {}, dns() {}, http() {}, ssl() {}, files() {} };

async function time<T>(fn: () => Promise<T>): Promise<[T, Timing]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v = await fn();
  const c = process.cpuUsage(c0);
  return [v, { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }];
}

try {
  const rows = await loadRealConn();
  console.log(`real conn rows: ${rows.length} (008, 010, 001 captures); node ${process.version}`);
  if (!values['skip-read']) await readPhase(rows);

  const big = await writeReplay(rows, records, hosts, dir, false);
  rmSync(big.json);
  const rssBefore = process.memoryUsage().rss;
  console.log(`\n# full ingest of ${records.toLocaleString('en')} replayed records into SQLite (TSV ${mib(big.tsv)} MiB, ${hosts} internal hosts, at most ${values['max-states']} states in memory)`);
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'bench.db'), synchronous: 'NORMAL' });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const [report, t] = await time(() => ingestLogs(store.db, { paths: [big.tsv], internal: ['10.0.0.0/8'], maxStates: Number(values['max-states']) }));
    console.log(`whole ingest: ${(t.wall / 1000).toFixed(1)} s wall, ${(t.cpu / 1000).toFixed(1)} CPU-s: ${rate(report.records, t)}`);
    console.log(`  read + aggregate + merge into store: ${report.readSeconds.toFixed(1)} s wall`);
    console.log(`  analysis (score every stored pair and DNS summary, write findings): ${report.analyseSeconds.toFixed(1)} s wall; ${report.findings} findings`);
    console.log(`outbound ${report.directions.outbound}, inbound ${report.directions.inbound}, internal ${report.directions.internal}, other ${report.directions.other}`);
    const pairs = await store.db.selectFrom('netlog_pairs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`stored pair summaries: ${pairs.n}; database ${mib(join(dir, 'bench.db'))} MiB`);
  } finally {
    clearInterval(sampler);
    await store.close();
  }
  console.log(`RSS before ingest ${Math.round(rssBefore / 1048576)} MiB, sampled peak during ingest ${Math.round(peak / 1048576)} MiB, process peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

async function readPhase(rows: Awaited<ReturnType<typeof loadRealConn>>): Promise<void> {
  const small = await writeReplay(rows, readRecords, hosts, dir);
  console.log(`\n# reading ${readRecords.toLocaleString('en')} conn records (TSV ${mib(small.tsv)} MiB, JSON ${mib(small.json)} MiB)`);
  for (const [label, path] of [['TSV ', small.tsv], ['JSON', small.json]] as const) {
    let lines = 0;
    const [, base] = await time(() => forEachLine(path, () => void lines++));
    // The format's own minimum: split a TSV line on tabs, JSON.parse a JSON line.
    let fields = 0;
    const [, split] = await time(() => forEachLine(path, label === 'JSON' ? (l) => void (fields += Object.keys(JSON.parse(l) as object).length) : (l) => void (fields += l.split('\t').length)));
    const [r1, parse] = await time(() => readLogFile(path, noop));
    const agg = new NetAggregate(InternalNetworks.parse(['10.0.0.0/8']));
    const [r2, full] = await time(() => readLogFile(path, agg));
    console.log(`${label} baseline: lines only ${rate(lines, base)}; lines + ${label === 'JSON' ? 'JSON.parse' : "split('\\t')"} ${rate(lines, split)}`);
    console.log(`${label} mamori:   parse to records ${rate(r1.records, parse)}; parse + aggregate ${rate(r2.records, full)} (${r2.badLines} bad)`);
  }
  rmSync(small.tsv);
  rmSync(small.json);
}
