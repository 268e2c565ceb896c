// Correlation throughput: generated upload events (stored in SQLite, then correlated incrementally from the
// store in the order they were stored) and network findings (fed in batches), each beside a baseline measured in
// the same run: merely reading the same event rows page by page in the same order, and merely writing the same
// number of finding rows. Then the incremental cases: a re-run with nothing new, and a run after 1 % more events
// arrived, half of them timed two days back (a sensor's outage).
// Usage: npx tsx bench/incidents-correlate.ts [--events N] [--findings N] [--hosts N] [--relevant 0.05] [--postgres]
// Defaults are small (100,000 events, 10,000 findings); the size is --events 1000000 --findings 100000.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { LabelTaxonomy, type MamoriEvent, type NetFinding } from '../src/core/index.js';
import { IncidentCorrelator } from '../src/incidents/index.js';
import { committedEventsAfter, insertEvents, listIncidents, openStore, saveIncidentFindings, type Store } from '../src/store/index.js';
import { TEST_PG_URL } from '../src/store/test-support/dialects.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    findings: { type: 'string', default: '10000' },
    hosts: { type: 'string', default: '2000' },
    relevant: { type: 'string', default: '0.05' },
    postgres: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: npx tsx bench/incidents-correlate.ts [--events N] [--findings N] [--hosts N] [--relevant 0.05] [--postgres]\n');
  process.exit(0);
}
const N_EVENTS = Number(values.events);
const N_FINDINGS = Number(values.findings);
const N_HOSTS = Number(values.hosts);
const RELEVANT = Number(values.relevant);
const PAGE = 5000;

// A small deterministic generator so runs are comparable.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const hosts = Array.from({ length: N_HOSTS }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
const dests = Array.from({ length: 500 }, (_, i) => ({ ip: `203.0.${i >> 8}.${i & 255}`, host: `d${i}.example` }));
const t0 = Date.UTC(2026, 10, 1);

function event(i: number, lateMs = 0): MamoriEvent {
  const relevant = rnd() < RELEVANT;
  const d = pick(dests);
  const action = relevant ? pick(['block', 'alert', 'allow'] as const) : 'allow';
  const docs = relevant ? Math.floor(rnd() * 3) + (action === 'allow' ? 1 : 0) : 0;
  return {
    id: `evt_${String(i).padStart(9, '0')}`,
    org: 'bench',
    time: new Date(t0 + i * 100 - lateMs).toISOString(),
    channel: 'icap',
    action,
    monitored: false,
    rule: relevant ? 'sensitive-to-unapproved' : 'default',
    reason: 'generated',
    clientIp: pick(hosts),
    user: null,
    method: 'POST',
    url: `http://${d.host}/upload`,
    destHost: d.host,
    destIp: d.ip,
    bytes: Math.floor(rnd() * 200_000),
    label: relevant ? pick(['c2', 'c3']) : 'c1',
    unscannable: false,
    sha256: null,
    fileName: 'f.docx',
    findings: [],
    matches: Array.from({ length: docs }, () => {
      const n = Math.floor(rnd() * 5000);
      return { docId: `doc_${n}`, path: `/share/${n}.docx`, label: n % 3 === 0 ? 'c3' : 'c2', coverage: 0.8, longestRunChars: 400 };
    }),
  };
}

function finding(i: number): NetFinding {
  const d = pick(dests);
  const first = t0 + Math.floor(rnd() * 86_400_000);
  return {
    kind: pick(['beacon', 'exfil-volume', 'rare-destination', 'long-connection'] as const),
    src: pick(hosts),
    dst: d.ip,
    dstHost: d.host,
    port: 443,
    score: rnd(),
    severity: pick(['low', 'medium', 'high', 'critical'] as const),
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(first + 3_600_000 + i).toISOString(),
    connections: 10 + Math.floor(rnd() * 1000),
    bytesOut: Math.floor(rnd() * 5_000_000),
    reasons: ['generated'],
  };
}

async function open(): Promise<{ store: Store; cleanup: () => void | Promise<void> }> {
  if (values.postgres) {
    const schema = `mamori_bench_${process.pid}`;
    const store = await openStore({ kind: 'postgres', url: TEST_PG_URL, schema, poolSize: 4 });
    const cleanup = async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    };
    return { store, cleanup };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
  // NORMAL durability: the same for baseline and correlation; FULL would measure fsync, not correlation.
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'bench.db'), synchronous: 'NORMAL' });
  return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const rate = (n: number, ms: number) => (n > 0 ? `${Math.round((n / ms) * 1000).toLocaleString('en')}/s` : '-');

const { store, cleanup } = await open();
try {
  process.stdout.write(`mamori incidents benchmark: ${N_EVENTS.toLocaleString('en')} events (${RELEVANT * 100}% incident-relevant), ${N_FINDINGS.toLocaleString('en')} findings, ${N_HOSTS} hosts, ${store.dialect}\n`);
  let t = performance.now();
  for (let i = 0; i < N_EVENTS; i += 10_000) {
    const batch = [];
    for (let j = i; j < Math.min(N_EVENTS, i + 10_000); j++) batch.push(event(j));
    await insertEvents(store.db, batch);
  }
  process.stdout.write(`  stored events (setup, not measured): ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

  // Baseline 1: read the same rows in the same pages and the same (commit) order, nothing else.
  t = performance.now();
  let position = '';
  let read = 0;
  for (;;) {
    const page = await committedEventsAfter(store.db, store.dialect, position, PAGE);
    if (page.length === 0) break;
    read += page.length;
    position = page[page.length - 1]!.position;
  }
  const readMs = performance.now() - t;

  const taxonomy = new LabelTaxonomy();
  const correlator = new IncidentCorrelator({ db: store.db, taxonomy });
  t = performance.now();
  const r = await correlator.catchUp({ pageSize: PAGE });
  const corrMs = performance.now() - t;
  const rssAfterEvents = process.memoryUsage().rss;

  t = performance.now();
  const again = await new IncidentCorrelator({ db: store.db, taxonomy }).catchUp({ pageSize: PAGE });
  const againMs = performance.now() - t;

  // 1 % more events arrive, every other one timed two days before the newest already correlated.
  const nLate = Math.max(1, Math.round(N_EVENTS / 100));
  await insertEvents(store.db, Array.from({ length: nLate }, (_, j) => event(N_EVENTS + j, j % 2 === 0 ? 2 * 86_400_000 : 0)));
  t = performance.now();
  const late = await new IncidentCorrelator({ db: store.db, taxonomy }).catchUp({ pageSize: PAGE });
  const lateMs = performance.now() - t;

  // Baseline 2: write the same number of finding rows straight into their table.
  const findings = Array.from({ length: N_FINDINGS }, (_, i) => finding(i));
  t = performance.now();
  for (let i = 0; i < findings.length; i += PAGE) {
    await saveIncidentFindings(
      store.db,
      findings.slice(i, i + PAGE).map((f, j) => ({ incidentId: 'baseline', key: `k${i + j}`, kind: f.kind, src: f.src, dst: f.dst, dstHost: f.dstHost, port: f.port, score: f.score, severity: f.severity, firstSeen: f.firstSeen, lastSeen: f.lastSeen, connections: f.connections, bytesOut: f.bytesOut, reasons: f.reasons })),
    );
  }
  const writeMs = performance.now() - t;
  t = performance.now();
  let fMerged = 0;
  for (let i = 0; i < findings.length; i += PAGE) fMerged += (await correlator.ingestFindings(findings.slice(i, i + PAGE), 'bench')).merged;
  const findMs = performance.now() - t;
  const incidents = (await listIncidents(store.db, { limit: 1_000_000 })).length;

  const rows = [
    ['events: read rows only (baseline)', readMs, read],
    ['events: correlate from the store', corrMs, read],
    ['events: second run (nothing new)', againMs, again.read ?? 0],
    [`events: run after ${nLate.toLocaleString('en')} more (half late)`, lateMs, nLate],
    ['findings: write rows only (baseline)', writeMs, N_FINDINGS],
    ['findings: correlate', findMs, N_FINDINGS],
  ] as const;
  for (const [name, ms, n] of rows) process.stdout.write(`  ${name.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${rate(n, ms).padStart(12)}\n`);
  process.stdout.write(`  merged evidence: ${r.merged.toLocaleString('en')} events, ${fMerged.toLocaleString('en')} findings; second run read ${again.read} and merged ${again.merged}; the run after ${nLate.toLocaleString('en')} more read ${late.read} and merged ${late.merged}; incidents: ${incidents}\n`);
  process.stdout.write(`  correlation / read-only: ${(corrMs / readMs).toFixed(2)}×; RSS after events ${mb(rssAfterEvents)}, peak heap now ${mb(process.memoryUsage().heapUsed)}\n`);
} finally {
  await store.close();
  await cleanup();
}
