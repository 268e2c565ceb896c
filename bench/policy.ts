// Policy decision throughput: the shipped default policy (6 rules, destination lists) and a 40-rule policy
// with CIDRs, named lists and detector wildcards, against a baseline of three hand-written ifs.
// Every decision gets a fresh input object, as in real traffic.
// Usage: npx tsx bench/policy.ts [--decisions N]   (default 200000)
import { parse } from 'yaml';
import { LabelTaxonomy, type Finding } from '../src/core/index.js';
import { createPolicyEngine, defaultPolicyEngine, policyConfigSchema, type PolicyEngine, type PolicyInput } from '../src/policy/index.js';

const n = Number(process.argv[process.argv.indexOf('--decisions') + 1] || 200_000) || 200_000;
const taxonomy = new LabelTaxonomy();

const baseline: PolicyEngine = {
  decide: (i) =>
    taxonomy.atLeast(i.label, 'c2')
      ? { action: 'block', rule: 'c2', reason: '' }
      : i.unscannable
        ? { action: 'block', rule: 'unscannable', reason: '' }
        : { action: 'allow', rule: 'default', reason: '' },
};

const approved = Array.from({ length: 200 }, (_, i) => `agency${i}.example.go.jp`).concat(Array.from({ length: 50 }, (_, i) => `10.${i}.0.0/16`));
const bigYaml = {
  lists: { approved, partners: ['*.partner.example', '2001:db8::/32'] },
  segments: { servers: ['10.200.0.0/16'], labs: ['192.168.50.0/24'] },
  rules: Array.from({ length: 40 }, (_, i) => ({
    id: `r${i}`,
    when: i % 4 === 0 ? { client: { segment: 'labs' }, detector: 'secret.*', minCount: 3 } : i % 4 === 1 ? { user: [`user${i}`], label: { atLeast: 'c3' } } : i % 4 === 2 ? { method: 'PUT', size: { min: '50 MiB' } } : { channel: 'api', not: { destination: { lists: ['approved', 'partners'] } } },
    action: 'alert',
  })).concat(parse('[{ id: last, when: { label: { atLeast: c2 }, not: { destination: { list: approved } } }, action: block }]') as never[]),
};
const big = createPolicyEngine(policyConfigSchema.parse(bigYaml), taxonomy);

const finding: Finding = { detector: 'jp.my_number', category: 'pii', count: 3, confidence: 0.9, label: 'c2', samples: [], parts: [] };
const inputs: PolicyInput[] = Array.from({ length: 1000 }, (_, i) => ({
  label: ['c1', 'c1', 'c1', 'c2', 'c3'][i % 5]!,
  unscannable: i % 17 === 0,
  findings: i % 3 === 0 ? [finding] : [],
  matches: [],
  bytes: 1000 + i,
  context: { channel: 'icap', method: 'POST', clientIp: `10.${i % 256}.1.${i % 200}`, destHost: i % 2 ? `www${i}.example.com` : `files.agency${i % 300}.example.go.jp`, user: `user${i % 50}` },
}));

function run(name: string, engine: PolicyEngine): void {
  for (let i = 0; i < 20_000; i++) engine.decide(inputs[i % inputs.length]!);
  const t0 = process.hrtime.bigint();
  let blocks = 0;
  // A fresh context per decision, as in real traffic (the engine memoises list lookups per context).
  for (let i = 0; i < n; i++) {
    const base = inputs[i % inputs.length]!;
    if (engine.decide({ ...base, context: { ...base.context } }).action === 'block') blocks++;
  }
  const ns = Number(process.hrtime.bigint() - t0);
  console.log(`${name.padEnd(34)} ${(n / (ns / 1e9)).toFixed(0).padStart(10)} decisions/s  ${(ns / n / 1000).toFixed(2)} µs/decision  (${blocks} blocks)`);
}

console.log(`policy decisions: ${n} over 1000 varied inputs, node ${process.version}`);
run('baseline (3 hand-written ifs)', baseline);
run('shipped default policy (6 rules)', defaultPolicyEngine(taxonomy, { isQuarantined: (ip) => ip === '10.3.1.3' }));
run('41 rules, 250-entry list, CIDRs', big);
