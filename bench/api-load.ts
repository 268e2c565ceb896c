// Load check of the console API: p50/p95/p99 of the incident and event lists under concurrent users,
// with /healthz (no database, no auth) measured side by side as the baseline of the HTTP stack itself.
// The load runs in a worker thread so the client's own work does not sit on the server's event loop.
// Usage: npx tsx bench/api-load.ts [--events 100000] [--incidents 2000] [--users 10] [--requests 200] [--dialect sqlite|postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { defaultConfig } from '../src/config/index.js';
import { DEFAULT_LABELS, LabelTaxonomy, newId, type MamoriEvent } from '../src/core/index.js';
import { bootstrap, createServerDeps, hashPassword, startHttp } from '../src/server/index.js';
import { createOrg, createUser, insertEvents, openStore, saveIncidents, type IncidentRecord, type Store } from '../src/store/index.js';
import { TEST_PG_URL } from '../src/store/test-support/dialects.js';
import { flag } from './shared-data.js';

const EVENTS = Number(flag('events', '100000'));
const INCIDENTS = Number(flag('incidents', '2000'));
const USERS = Number(flag('users', '10'));
const REQUESTS = Number(flag('requests', '200'));
const DIALECT = flag('dialect', 'sqlite');
const PASSWORD = 'bench password 1234';
const ORGS = ['mof', 'mhlw'];

async function seed(store: Store): Promise<void> {
  const now = Date.now();
  const actions = ['allow', 'allow', 'allow', 'alert', 'block'] as const;
  const batch: MamoriEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const org = ORGS[i % ORGS.length]!;
    batch.push({
      id: newId('evt', now - i * 6000), org, time: new Date(now - i * 6000).toISOString(), channel: 'icap', action: actions[i % actions.length]!, monitored: false,
      rule: i % 5 === 4 ? 'c2-to-unlisted' : 'default', reason: 'bench', clientIp: `10.${i % 7}.${i % 13}.${i % 250}`, user: null, method: 'POST',
      url: `http://d${i % 500}.example/up`, destHost: `d${i % 500}.example`, destIp: null, bytes: 1000 + (i % 5000), label: i % 5 === 4 ? 'c2' : 'c1', unscannable: false,
      sha256: null, fileName: `f${i}.docx`, findings: i % 5 === 4 ? [{ detector: 'jp.my_number', count: 1, samples: ['1234-****-**18'] }] : [], matches: [],
    });
    if (batch.length === 5000) await insertEvents(store.db, batch.splice(0));
  }
  await insertEvents(store.db, batch);
  const sev = ['low', 'medium', 'high', 'critical'] as const;
  const st = ['new', 'investigating', 'contained', 'closed'] as const;
  const incidents: IncidentRecord[] = Array.from({ length: INCIDENTS }, (_, i) => {
    const t = new Date(now - i * 60_000).toISOString();
    return { id: newId('inc', now - i * 60_000), org: ORGS[i % ORGS.length]!, host: `10.9.${i % 250}.${i % 200}`, status: st[i % 4]!, severity: sev[i % 4]!, assignee: null, topLabel: 'c2', docCount: i % 20, leaked: i % 3 === 0, firstSeen: t, lastSeen: t, createdAt: t, updatedAt: t };
  });
  await saveIncidents(store.db, incidents);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
  const schema = `mamori_bench_${Date.now()}`;
  const store = DIALECT === 'postgres' ? await openStore({ kind: 'postgres', url: TEST_PG_URL, schema }) : await openStore({ kind: 'sqlite', path: join(dir, 'bench.db'), synchronous: 'NORMAL' });
  try {
    const t0 = performance.now();
    await seed(store);
    const seedMs = performance.now() - t0;
    const base = defaultConfig();
    const config = { ...base, server: { ...base.server, loginLimit: { ...base.server.loginLimit, perIpPerMinute: 10_000 } } };
    await bootstrap(store, { homeOrg: 'default', adminPassword: PASSWORD });
    for (const org of ORGS) await createOrg(store.db, org);
    const hash = await hashPassword(PASSWORD);
    for (let u = 0; u < USERS; u++) await createUser(store.db, { org: ORGS[u % ORGS.length]!, username: `analyst${u}`, role: 'analyst', passwordHash: hash });
    const deps = createServerDeps({ store, config, taxonomy: new LabelTaxonomy(DEFAULT_LABELS), logger: pino({ level: 'silent' }) });
    const server = await startHttp(deps, '127.0.0.1:0');
    const cookies: string[] = [];
    for (let u = 0; u < USERS; u++) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `analyst${u}`, password: PASSWORD }) });
      cookies.push(res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '));
    }
    const targets: [string, string][] = [
      ['GET /healthz (baseline)', '/healthz'],
      ['GET /api/v1/auth/me (auth only)', '/api/v1/auth/me'],
      ['GET /api/v1/incidents?limit=50', '/api/v1/incidents?limit=50'],
      ['GET /api/v1/incidents?status=new&limit=50', '/api/v1/incidents?status=new&limit=50'],
      ['GET /api/v1/events?limit=50', '/api/v1/events?limit=50'],
      ['GET /api/v1/events?action=block&limit=50', '/api/v1/events?action=block&limit=50'],
      ['GET /api/v1/events?limit=50&offset=5000', '/api/v1/events?limit=50&offset=5000'],
      ['GET /api/v1/overview?days=7', '/api/v1/overview?days=7'],
    ];
    console.log(`mamori API load: ${EVENTS} events, ${INCIDENTS} incidents, ${USERS} concurrent users x ${REQUESTS} requests per endpoint, ${DIALECT} (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
    console.log('endpoint'.padEnd(46), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'req/s'.padStart(8));
    console.log(`machine load average: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    for (const [name, path] of targets) {
      const worker = new Worker(CLIENT, { eval: true, workerData: { url: `${server.url}${path}`, cookies, requests: REQUESTS } });
      const { latencies, errors, wall } = await new Promise<{ latencies: number[]; errors: string[]; wall: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      latencies.sort((a, b) => a - b);
      console.log(name.padEnd(46), percentile(latencies, 50).toFixed(1).padStart(8), percentile(latencies, 95).toFixed(1).padStart(8), percentile(latencies, 99).toFixed(1).padStart(8), (latencies.length / wall).toFixed(0).padStart(8), errors.length ? `  ${errors.length} failed (${[...new Set(errors)].join(', ')})` : '');
    }
    await server.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (DIALECT === 'postgres') {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  }
}

// The client side, in plain JavaScript so the worker needs no TypeScript loader: each cookie is one
// user issuing its requests back to back.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, cookies, requests } = workerData;
  const latencies = [];
  const errors = [];
  const start = performance.now();
  await Promise.all(cookies.map(async (cookie) => {
    for (let r = 0; r < requests; r++) {
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(url + ': ' + res.status);
        latencies.push(performance.now() - t);
      } catch (e) {
        errors.push(String(e && e.cause ? e.cause.code || e.cause : e));
      }
    }
  }));
  parentPort.postMessage({ latencies, errors, wall: (performance.now() - start) / 1000 });
})();
`;

await main();
