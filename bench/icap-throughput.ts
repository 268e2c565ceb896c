// ICAP throughput: c-icap's srv_echo and mamori (full inspection, events recorded) side by side,
// driven by the same keep-alive client with the same bodies.
// Usage: npx tsx bench/icap-throughput.ts [--seconds 5] [--concurrency 8] [--uploads 200] [--upload-kb 1024]
//        [--sizes 10,1024]  (closed-loop body sizes in KB; --uploads 0 and --rates '' with --sizes 10 time 10 KB alone)
//        [--rates 20,40]  (open loop at 1 MB: requests started at a fixed rate, latency from the scheduled start;
//                          default: 30 % and 60 % of mamori's closed-loop 1 MB throughput in the same run)
//        [--profile DIR]  (writes a V8 CPU profile of the mamori process to DIR)
//        [--config FILE]  (mamori's config, e.g. store.synchronous)
//        [--serve]        (runs ICAP inside `mamori serve`, console and API up, instead of `mamori icap`)
//        [--documents N]  (registers N synthetic 10,000-character documents first, so every upload is also
//                          matched against a registry; default 1000, 0 for none)
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rng, syntheticText } from '../src/fingerprint/test-support/corpus.js';
import { startCIcapEcho } from '../src/icap/test-support/c-icap-echo.js';
import { IcapClient } from '../src/icap/test-support/client.js';
import { harmlessText, repeatText } from '../src/icap/test-support/samples.js';
import { freePort } from '../src/icap/test-support/services.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    uploads: { type: 'string', default: '200' },
    sizes: { type: 'string', default: '10,1024' },
    'upload-kb': { type: 'string', default: '1024' },
    config: { type: 'string' },
    profile: { type: 'string' },
    serve: { type: 'boolean', default: false },
    rates: { type: 'string' },
    documents: { type: 'string', default: '1000' },
  },
});
const RATES = args.rates?.split(',').filter(Boolean).map(Number);
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);
const UPLOADS = Number(args.uploads);
const SIZES = args.sizes.split(',').filter(Boolean).map((kb) => Number(kb) * 1024);
const UPLOAD_BYTES = Number(args['upload-kb']) * 1024;
const DOCUMENTS = Number(args.documents);

interface Target {
  readonly name: string;
  readonly port: number;
  readonly service: string;
  readonly pid: number;
}

function body(bytes: number): Buffer {
  return repeatText(`${harmlessText()}令和8年度 事業計画 第${bytes}版 0123456789\n`, bytes);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function connect(t: Target): Promise<IcapClient> {
  return IcapClient.connect(t.port, '127.0.0.1', 300_000);
}

/** Squid-like requests: Preview 4096 and Allow: 204, on CONCURRENCY keep-alive connections. */
async function load(t: Target, payload: Buffer, seconds: number) {
  const cpuBefore = { server: await cpuMs(t.pid), client: process.cpuUsage() };
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const until = performance.now() + seconds * 1000;
  const path = `/${t.service}`;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const c = await connect(t);
      try {
        while (performance.now() < until) {
          const t0 = performance.now();
          const a = await c.reqmod({ url: 'http://upload.example.jp/post', body: payload, preview: 4096, allow204: true, service: path });
          latencies.push(performance.now() - t0);
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        }
      } finally {
        c.close();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const client = process.cpuUsage(cpuBefore.client);
  const n = latencies.length;
  // CPU per request: on a machine whose cores are all busy, throughput is what these allow.
  const cpu = { serverUs: ((await cpuMs(t.pid)) - cpuBefore.server) * 1000 / n, clientUs: (client.user + client.system) / n };
  return { rps: n / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), n, statuses: Object.fromEntries(statuses), cpu };
}

/**
 * Open loop: request i starts at t0 + i/rate whatever the answers before it, on an idle keep-alive
 * connection (a new one when all are busy). Latency counts from the scheduled start, so time spent
 * queued behind a saturated server shows (no coordinated omission).
 */
async function openLoop(t: Target, payload: Buffer, rate: number, seconds: number) {
  const idle: IcapClient[] = [];
  const all: IcapClient[] = [];
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  const total = Math.round(rate * seconds);
  const runs: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(
      (async () => {
        let c = idle.pop();
        if (!c) all.push((c = await connect(t)));
        const a = await c.reqmod({ url: 'http://upload.example.jp/post', body: payload, preview: 4096, allow204: true, service: `/${t.service}` });
        latencies.push(performance.now() - due);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        idle.push(c);
      })(),
    );
  }
  await Promise.all(runs);
  const elapsed = (performance.now() - t0) / 1000;
  for (const c of all) c.close();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, connections: all.length, statuses: Object.fromEntries(statuses) };
}

/** Open-loop runs against mamori, to find their decisions in its log. */
const stageWindows: { rate: number; from: number; to: number }[] = [];

/** Where mamori's time went in each open-loop run, from the stage timings of its `decision` log lines. */
async function printStages(path: string): Promise<void> {
  const decisions = (await readFile(path, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.includes('"decision"'))
    .map((l) => JSON.parse(l) as { time: number; ms: number; readMs: number; inspectMs: number; commitMs: number });
  for (const w of stageWindows) {
    const inWindow = decisions.filter((d) => d.time >= w.from && d.time <= w.to);
    if (inWindow.length === 0) continue;
    const stage = (key: 'ms' | 'readMs' | 'inspectMs' | 'commitMs') => {
      const sorted = inWindow.map((d) => d[key]).sort((a, b) => a - b);
      return `${percentile(sorted, 50).toFixed(1)}/${percentile(sorted, 99).toFixed(1)}`;
    };
    console.log(`mamori at ${w.rate} req/s, p50/p99 ms inside the server: total ${stage('ms')}, reading the body ${stage('readMs')}, inspecting ${stage('inspectMs')}, committing ${stage('commitMs')}`);
  }
}

/** The process and its children (c-icap serves from a child process). */
async function family(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
}

/** CPU time (user + system, all threads) the process family has used, in ms. */
async function cpuMs(pid: number): Promise<number> {
  let ticks = 0;
  for (const p of await family(pid)) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Sum over the process family of a /proc status field, in MB. */
async function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  let kb = 0;
  for (const p of await family(pid)) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kb += Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}
const peakRss = (pid: number) => memoryMb(pid, 'VmHWM');
const currentRss = (pid: number) => memoryMb(pid, 'VmRSS');

/** UPLOADS uploads in flight at once, each on its own connection. */
async function burst(t: Target, payload: Buffer) {
  const before = await currentRss(t.pid);
  const clients = await Promise.all(Array.from({ length: UPLOADS }, () => connect(t)));
  const t0 = performance.now();
  const results = await Promise.allSettled(clients.map((c) => c.reqmod({ url: 'http://upload.example.jp/post', body: payload, preview: 4096, allow204: false, service: `/${t.service}` })));
  const ms = performance.now() - t0;
  for (const c of clients) c.close();
  const ok = results.filter((r) => r.status === 'fulfilled' && r.value.status < 300).length;
  return { ok, ms, rssBeforeMb: before, peakRssMb: await peakRss(t.pid) };
}

async function waitPort(port: number): Promise<void> {
  for (let i = 0; i < 300 && mamori.exitCode === null; i++) {
    try {
      (await IcapClient.connect(port)).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listening on ${port}`);
}

const dir = await mkdtemp(join(tmpdir(), 'mamori-bench-icap-'));
const echo = await startCIcapEcho(dir, Math.max(CONCURRENCY, UPLOADS) + 10);
const mamoriPort = await freePort();
const root = resolve(import.meta.dirname, '..');
const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : [];
const command = args.serve
  ? ['serve', '--listen', `127.0.0.1:${await freePort()}`, '--icap', `127.0.0.1:${mamoriPort}`]
  : ['icap', '--listen', `127.0.0.1:${mamoriPort}`];
// mamori's log goes to a file, as in production; read back at the end for its group-commit figures.
const logPath = join(dir, 'mamori.log');
const mamoriEnv = { ...process.env, MAMORI_LOG_LEVEL: process.env.MAMORI_LOG_LEVEL ?? 'info', MAMORI_ADMIN_PASSWORD: 'bench-only-password', ...(args.config ? { MAMORI_CONFIG: resolve(args.config) } : {}) };
if (DOCUMENTS > 0) {
  // A registry to match every upload against, as a ministry's would be (the bodies themselves match none of it).
  const docs = join(dir, 'registry');
  await mkdir(docs);
  const random = rng(2026);
  for (let i = 0; i < DOCUMENTS; i++) await writeFile(join(docs, `doc-${i}.txt`), syntheticText(random, 10_000));
  const registered = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), '--data-dir', join(dir, 'mamori'), 'register', docs, '--label', 'c2', '--format', 'json'], { stdio: 'ignore', env: mamoriEnv });
  const code = await new Promise((r) => registered.once('exit', r));
  if (code !== 0) throw new Error(`registering ${DOCUMENTS} documents failed (${String(code)})`);
}
const mamori = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'src/cli/main.ts'), '--data-dir', join(dir, 'mamori'), ...command], {
  stdio: ['ignore', openSync(logPath, 'w'), 'ignore'],
  env: mamoriEnv,
});
try {
  await waitPort(mamoriPort);
  const echoPid = Number((await readFile(join(dir, 'c-icap.pid'), 'utf8')).trim());
  const targets: Target[] = [
    { name: 'c-icap srv_echo', port: echo.port, service: 'echo', pid: echoPid },
    { name: args.serve ? 'mamori serve (console up; inspect + event)' : 'mamori (inspect + event)', port: mamoriPort, service: 'reqmod', pid: mamori.pid! },
  ];
  console.log(`# ICAP throughput — ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
  console.log(`# ${CONCURRENCY} keep-alive connections, ${SECONDS} s per run, Preview: 4096 + Allow: 204 (as Squid sends)${args.config ? `; mamori config ${args.config}` : ''}`);
  console.log(`# mamori inspects every body in full: extraction, every default detector, matching against ${DOCUMENTS} registered documents`);
  let mamoriRps1Mb = 0;
  for (const size of SIZES) {
    const payload = body(size);
    const rows: Record<string, Awaited<ReturnType<typeof load>>> = {};
    for (const t of targets) {
      await load(t, payload, Math.min(1, SECONDS)); // warm-up
      rows[t.name] = await load(t, payload, SECONDS);
    }
    console.log(`\n## body ${size >= 1024 * 1024 ? `${size / 1024 / 1024} MB` : `${size / 1024} KB`}`);
    console.log('server                     req/s      p50 ms   p99 ms   requests  CPU µs/req server  client  answers');
    for (const [name, r] of Object.entries(rows)) {
      console.log(
        `${name.padEnd(26)} ${r.rps.toFixed(1).padStart(8)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.n).padStart(9)}  ${r.cpu.serverUs.toFixed(0).padStart(17)} ${r.cpu.clientUs.toFixed(0).padStart(7)}  ${JSON.stringify(r.statuses)}`,
      );
    }
    const [e, m] = [rows[targets[0]!.name]!, rows[targets[1]!.name]!];
    if (size === 1024 * 1024) mamoriRps1Mb = m.rps;
    console.log(`mamori/echo throughput: ${((m.rps / e.rps) * 100).toFixed(0)}%   p99 added: ${(m.p99 - e.p99).toFixed(2)} ms   p50 added: ${(m.p50 - e.p50).toFixed(2)} ms`);
    // Client and server share this machine's cores: when both runs keep them busy, throughput is in inverse
    // proportion to the CPU each request costs, client included. This bounds the ratio any scheduling could reach.
    const perRequest = (r: typeof e) => r.cpu.serverUs + r.cpu.clientUs;
    const half = 2 * perRequest(e) - m.cpu.clientUs;
    console.log(`CPU per request, client included: echo ${perRequest(e).toFixed(0)} µs, mamori ${perRequest(m).toFixed(0)} µs → at most ${((perRequest(e) / perRequest(m)) * 100).toFixed(0)}% of echo with every core busy; 50% needs mamori ≤ ${half.toFixed(0)} µs per request`);
  }
  // Below saturation: "added latency" means something only when requests do not queue behind each other.
  const rates = RATES ?? (mamoriRps1Mb > 0 ? [0.3, 0.6].map((f) => Math.max(1, Math.round(f * mamoriRps1Mb))) : []);
  if (rates.length > 0) {
    const payload = body(1024 * 1024);
    console.log(`\n## body 1 MB, open loop (fixed request rate below saturation; latency from the scheduled start)`);
    console.log('server                     rate   req/s      p50 ms   p99 ms   requests  connections  answers');
    for (const rate of rates) {
      const rows = [];
      for (const t of targets) {
        const from = Date.now();
        const r = await openLoop(t, payload, rate, SECONDS * 2);
        if (t.pid === mamori.pid) stageWindows.push({ rate, from, to: Date.now() });
        rows.push(r);
        console.log(`${t.name.padEnd(26)} ${String(rate).padStart(4)} ${r.rps.toFixed(1).padStart(8)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.n).padStart(9)}  ${String(r.connections).padStart(11)}  ${JSON.stringify(r.statuses)}`);
      }
      const [e, m] = rows as [Awaited<ReturnType<typeof openLoop>>, Awaited<ReturnType<typeof openLoop>>];
      console.log(`at ${rate} req/s added latency: p50 ${(m.p50 - e.p50).toFixed(2)} ms, p99 ${(m.p99 - e.p99).toFixed(2)} ms`);
    }
  }
  if (UPLOADS > 0) {
    console.log(`\n## ${UPLOADS} concurrent ${UPLOAD_BYTES / 1024} KB uploads (no 204: every body echoed back)`);
    const payload = body(UPLOAD_BYTES);
    for (const t of targets) {
      const r = await burst(t, payload);
      console.log(`${t.name.padEnd(26)} ok ${r.ok}/${UPLOADS} in ${r.ms.toFixed(0)} ms, RSS before ${r.rssBeforeMb.toFixed(0)} MB, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
    }
  }
} finally {
  if (mamori.exitCode === null && mamori.signalCode === null) {
    const exited = new Promise((r) => mamori.once('exit', r));
    mamori.kill('SIGTERM');
    await exited;
  }
  const commits = (await readFile(logPath, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.includes('"event commits"'))
    .map((l) => JSON.parse(l) as { commits: number; events: number; largestBatch: number; meanBatch: number })[0];
  if (commits) console.log(`\nmamori event commits: ${commits.events} events in ${commits.commits} commits (mean ${commits.meanBatch} per commit, largest ${commits.largestBatch})`);
  await printStages(logPath);
  await echo.stop();
  await rm(dir, { recursive: true, force: true });
}
