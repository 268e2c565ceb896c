// Evaluation of mamori's network log analytics on the real captures in ../shared/data/netlogs.
// Usage: npx tsx bench/eval-netlog.ts [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NetFinding } from '../src/core/index.js';
import { forEachLine, hunt, ingestLogs, type IngestReport } from '../src/netlog/index.js';
import { openStore, scanDnsSummaries, type Store } from '../src/store/index.js';
import { kmvCount } from '../src/netlog/analytics/kmv.js';
import { sharedData } from './shared-data.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const NET = sharedData('netlogs');
const dir = mkdtempSync(join(tmpdir(), 'mamori-netlog-eval-'));
const results: Record<string, unknown> = {};
let failures = 0;
const log = (s = '') => {
  if (!values.json) console.log(s);
};
const check = (ok: boolean, what: string) => {
  if (!ok) failures++;
  log(`  ${ok ? 'PASS' : 'FAIL'}: ${what}`);
};
const line = (f: NetFinding) => `${f.score.toFixed(2)} ${f.severity.padEnd(8)} ${f.kind.padEnd(16)} ${f.src} → ${f.dst}${f.dstHost ? ` (${f.dstHost})` : ''}:${f.port ?? ''}  ${f.connections} conns`;

async function run(name: string, paths: string[], internal: string[]): Promise<{ store: Store; report: IngestReport; findings: NetFinding[] }> {
  const store = await openStore({ kind: 'sqlite', path: join(dir, `${name}.db`), synchronous: 'NORMAL' });
  const report = await ingestLogs(store.db, { paths, internal });
  const findings = await hunt(store.db);
  log(`\n## ${name}: ${report.records} records, ${report.badLines} bad lines, ${report.skippedLines} lines of other log types, ${report.seconds.toFixed(2)} s; ${findings.length} findings`);
  return { store, report, findings };
}

/** Flow labels of a labelled conn log, per (src, dst): label → count. */
async function labels(path: string): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  let fields: string[] = [];
  await forEachLine(path, (l) => {
    if (l.startsWith('#fields')) fields = l.split('\t').slice(1);
    if (l.startsWith('#') || l === '') return;
    const f = l.split('\t');
    const key = `${f[fields.indexOf('id.orig_h')]}\t${f[fields.indexOf('id.resp_h')]}`;
    const label = `${f[fields.indexOf('label')]}/${f[fields.indexOf('detailedlabel')] ?? ''}`;
    const m = out.get(key) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    out.set(key, m);
  });
  return out;
}

const labelOf = (l: Map<string, Map<string, number>>, f: NetFinding) => [...(l.get(`${f.src}\t${f.dst}`) ?? new Map<string, number>()).entries()].map(([k, v]) => `${k}×${v}`).join(', ') || 'unlabelled';

try {
  // 001: NjRAT; the flows labelled Malicious must give the host's top finding.
  {
    const p = join(NET, 'stratosphere/001-zeek-scenario-malicious/labeled-conn.log');
    const { store, findings } = await run('001-njrat', [p], ['192.168.0.0/16', 'fc00::/7']);
    const lab = await labels(p);
    const malicious = new Set([...lab.entries()].filter(([, m]) => [...m.keys()].some((k) => k.startsWith('Malicious'))).map(([k]) => k));
    const host = '192.168.1.115';
    const mine = findings.filter((f) => f.src === host);
    for (const f of mine.slice(0, 5)) log(`  ${line(f)}  [${labelOf(lab, f)}]`);
    const top = mine[0];
    check(!!top && malicious.has(`${top.src}\t${top.dst}`), `top finding for ${host} is a Malicious-labelled C2 flow (${top ? `${top.dst}:${top.port}` : 'none'})`);
    results['001'] = { top: top ?? null, maliciousPairs: malicious.size, findingsForHost: mine.length };
    await store.close();
  }
  // 005: Simda (DGA).
  {
    const { store, findings } = await run('005-simda', [join(NET, 'stratosphere/005-zeek-scenario-malicious')], ['192.168.0.0/16', 'fc00::/7']);
    const dga = findings.filter((f) => f.reasons.some((r) => r.includes('domain-generation')));
    for (const f of [...dga, ...findings.filter((f) => f.kind === 'beacon').slice(0, 4)]) log(`  ${line(f)}\n      ${f.reasons.slice(0, 2).join('; ')}`);
    check(dga.length > 0 && dga.some((f) => f.severity === 'high' || f.severity === 'critical'), 'the DGA is found at high severity');
    results['005'] = { dga, beacons: findings.filter((f) => f.kind === 'beacon').length };
    await store.close();
  }
  // 008 and 010: a day of benign Windows hosts (their network 147.32.0.0/16).
  for (const [id, sub] of [['008', '008-zeek-mixed'], ['010', '010-zeek-mixed']] as const) {
    const d = join(NET, `stratosphere/${sub}/data`);
    const { store, findings } = await run(`${id}-benign`, [d], ['147.32.0.0/16']);
    const lab = await labels(join(d, 'conn.log.labeled'));
    const bySeverity: Record<string, number> = {};
    for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    log(`  severities: ${JSON.stringify(bySeverity)}`);
    const high = findings.filter((f) => f.severity === 'high' || f.severity === 'critical');
    for (const f of high) log(`  HIGH ${line(f)} [${labelOf(lab, f)}]\n      ${f.reasons.join('; ')}`);
    for (const f of findings.filter((f) => f.kind === 'beacon').slice(0, 3)) log(`  top beacon: ${line(f)} [${labelOf(lab, f)}]`);
    check(high.length === 0, `no high or critical findings on benign traffic (${high.length})`);
    results[id] = { bySeverity, high };
    await store.close();
  }
  // WRCCDC 2018 DNS: report tunnel findings, and the closest candidates with their measures.
  {
    const { store, findings } = await run('wrccdc-dns', [join(NET, 'wrccdc-2018/dns.log.gz')], ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
    const tunnels = findings.filter((f) => f.kind === 'dns-tunnel');
    for (const f of tunnels) log(`  TUNNEL ${line(f)}\n      ${f.reasons.join('; ')}`);
    const cands: Array<{ src: string; domain: string; unique: number; queries: number; avgLen: number; entropy: number; maxLabel: number }> = [];
    for await (const page of scanDnsSummaries(store.db, 'default'))
      for (const s of page) if (s.domain !== '*') cands.push({ src: s.src, domain: s.domain, unique: kmvCount(s.uniqueSketch), queries: s.queries, avgLen: s.labelChars / s.queries, entropy: s.entropySum / s.queries, maxLabel: s.maxLabel });
    cands.sort((a, b) => b.unique - a.unique);
    log('  closest candidates (distinct subdomains, queries, mean subdomain length, entropy bits/char, longest label):');
    for (const c of cands.slice(0, 6)) log(`    ${c.src} ${c.domain}: ${c.unique}, ${c.queries}, ${c.avgLen.toFixed(1)}, ${c.entropy.toFixed(2)}, ${c.maxLabel}`);
    results.wrccdc = { tunnels, candidates: cands.slice(0, 6), otherFindings: findings.length - tunnels.length };
    await store.close();
  }
  // RITA's JSON test data with every field: must read cleanly.
  {
    const { store, report } = await run('zeek-json-all-fields', [join(NET, 'zeek-json-all-fields')], ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
    log(`  per type: ${JSON.stringify(report.perType)}`);
    check(report.badLines === 0 && report.records > 0 && Object.keys(report.perType).length === 4, 'reads conn/dns/http/ssl JSON with no damaged line');
    results.json = { perType: report.perType, badLines: report.badLines };
    await store.close();
  }
  log(`\n${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
  if (values.json) console.log(JSON.stringify({ failures, results }, null, 2));
  process.exitCode = failures === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
