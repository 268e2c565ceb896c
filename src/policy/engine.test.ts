import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { LabelTaxonomy, MamoriError } from '../core/index.js';
import { policyConfigSchema } from './config.js';
import { createPolicyEngine, type PolicyEngineOptions } from './engine.js';
import { explainDecision } from './explain.js';
import { docMatch, finding, input } from './test-support/input.js';

const taxonomy = new LabelTaxonomy();

/** A policy of one rule `hit` (block) over `when`, defaulting to allow. */
function oneRule(when: string, extra = '', options?: PolicyEngineOptions) {
  const yaml = `${extra}\nrules:\n  - id: hit\n    when: ${when}\n    action: block\ndefault: { action: allow }\n`;
  return createPolicyEngine(policyConfigSchema.parse(parse(yaml)), taxonomy, options);
}
const fires = (engine: ReturnType<typeof oneRule>, i: Parameters<typeof input>[0]) => engine.decide(input(i)).rule === 'hit';

describe('policy conditions', () => {
  it('label: atLeast, atMost, exactly, in', () => {
    assert.equal(fires(oneRule('{ label: { atLeast: c2 } }'), { label: 'c3' }), true);
    assert.equal(fires(oneRule('{ label: { atLeast: c2 } }'), { label: 'c1' }), false);
    assert.equal(fires(oneRule('{ label: { exactly: c2 } }'), { label: 'c3' }), false);
    assert.equal(fires(oneRule('{ label: { exactly: c2 } }'), { label: 'c2' }), true);
    assert.equal(fires(oneRule('{ label: { in: [c1, c3] } }'), { label: 'c3' }), true);
    assert.equal(fires(oneRule('{ label: { in: [c1, c3] } }'), { label: 'c2' }), false);
    assert.equal(fires(oneRule('{ label: { atMost: c1 } }'), { label: 'c2' }), false);
  });

  it('detector with minCount, prefix wildcard and category', () => {
    const tenNumbers = oneRule('{ detector: jp.my_number, minCount: 10 }');
    assert.equal(fires(tenNumbers, { findings: [finding('jp.my_number', 9)] }), false);
    assert.equal(fires(tenNumbers, { findings: [finding('jp.my_number', 10)] }), true);
    const secrets = oneRule("{ detector: 'secret.*' }");
    assert.equal(fires(secrets, { findings: [finding('secret.aws_key', 1, 'secret')] }), true);
    assert.equal(fires(secrets, { findings: [finding('secretive', 1)] }), false);
    const summed = oneRule('{ detector: [jp.my_number, credit_card], minCount: 5 }');
    assert.equal(fires(summed, { findings: [finding('jp.my_number', 3), finding('credit_card', 2, 'financial')] }), true);
    assert.equal(fires(oneRule('{ category: financial, minCount: 2 }'), { findings: [finding('credit_card', 2, 'financial'), finding('jp.my_number', 5)] }), true);
    assert.equal(fires(oneRule('{ category: financial }'), { findings: [finding('jp.my_number', 5)] }), false);
  });

  it('document: any, by label, by coverage, and absence', () => {
    assert.equal(fires(oneRule('{ document: true }'), { matches: [docMatch('c2', 0.05)] }), true);
    assert.equal(fires(oneRule('{ document: true }'), {}), false);
    assert.equal(fires(oneRule('{ document: false }'), {}), true);
    assert.equal(fires(oneRule('{ document: { label: { atLeast: c3 } } }'), { matches: [docMatch('c2', 0.9)] }), false);
    assert.equal(fires(oneRule('{ document: { label: { atLeast: c3 } } }'), { matches: [docMatch('c2', 0.9), docMatch('c3', 0.1)] }), true);
    assert.equal(fires(oneRule('{ document: { minCoverage: 0.5 } }'), { matches: [docMatch('c2', 0.4)] }), false);
    assert.equal(fires(oneRule('{ document: { minCoverage: 0.5, minRunChars: 100 } }'), { matches: [docMatch('c2', 0.6, 150)] }), true);
  });

  it('unscannable', () => {
    assert.equal(fires(oneRule('{ unscannable: true }'), { unscannable: true }), true);
    assert.equal(fires(oneRule('{ unscannable: true }'), {}), false);
    assert.equal(fires(oneRule('{ unscannable: false }'), {}), true);
  });

  it('destination: a bare domain covers subdomains, a wildcard does not cover the bare domain', () => {
    const bare = oneRule('{ destination: [example.go.jp] }');
    assert.equal(fires(bare, { context: { destHost: 'example.go.jp' } }), true);
    assert.equal(fires(bare, { context: { destHost: 'files.example.go.jp' } }), true);
    assert.equal(fires(bare, { context: { destHost: 'example.go.jp.evil.com' } }), false);
    const wild = oneRule("{ destination: ['*.example.go.jp'] }");
    assert.equal(fires(wild, { context: { destHost: 'example.go.jp' } }), false);
    assert.equal(fires(wild, { context: { destHost: 'a.example.go.jp' } }), true);
    const exact = oneRule("{ destination: ['=upload.example.go.jp'] }");
    assert.equal(fires(exact, { context: { destHost: 'x.upload.example.go.jp' } }), false);
    assert.equal(fires(exact, { context: { url: 'https://UPLOAD.example.go.jp/put' } }), true);
  });

  it('destination: ports and brackets a proxy leaves on the host, and CONNECT authority URLs', () => {
    const e = oneRule("{ destination: [example.go.jp, '2001:db8::/32'] }");
    assert.equal(fires(e, { context: { destHost: 'files.example.go.jp:443' } }), true);
    assert.equal(fires(e, { context: { destHost: '[2001:db8::1]:8443' } }), true);
    assert.equal(fires(e, { context: { destHost: '2001:db8::1' } }), true);
    assert.equal(fires(e, { context: { url: 'example.go.jp:443' } }), true);
    assert.equal(fires(e, { context: { destHost: 'example.go.jp.evil.example:443' } }), false);
  });

  it('destination: IPs, CIDRs and IPv6, from destIp or a URL with an IP literal', () => {
    const nets = oneRule("{ destination: ['203.0.113.0/24', '2001:db8::/32'] }");
    assert.equal(fires(nets, { context: { destHost: 'c2.example', destIp: '203.0.113.9' } }), true);
    assert.equal(fires(nets, { context: { destIp: '198.51.100.1' } }), false);
    assert.equal(fires(nets, { context: { url: 'http://[2001:db8::7]:8080/x' } }), true);
    assert.equal(fires(nets, { context: { destIp: '2001:db9::1' } }), false);
    assert.equal(fires(nets, { context: { destIp: '::ffff:203.0.113.5' } }), true);
  });

  it('destination: named lists', () => {
    const e = oneRule('{ destination: { lists: [partners, cloud] } }', "lists:\n  partners: [partner.example]\n  cloud: ['*.sharepoint.example']");
    assert.equal(fires(e, { context: { destHost: 'mail.partner.example' } }), true);
    assert.equal(fires(e, { context: { destHost: 'tenant.sharepoint.example' } }), true);
    assert.equal(fires(e, { context: { destHost: 'dropbox.example' } }), false);
    assert.equal(fires(e, {}), false, 'no destination known is in no list');
  });

  it('client: CIDRs, IPv6 and named segments', () => {
    const e = oneRule("{ client: { segment: servers, entries: ['fd00::/8'] } }", "segments:\n  servers: [10.1.0.0/16, 192.0.2.7]");
    assert.equal(fires(e, { context: { clientIp: '10.1.200.3' } }), true);
    assert.equal(fires(e, { context: { clientIp: '192.0.2.7' } }), true);
    assert.equal(fires(e, { context: { clientIp: 'fd12:3456::1' } }), true);
    assert.equal(fires(e, { context: { clientIp: '10.2.0.1' } }), false);
    assert.equal(fires(e, {}), false);
  });

  it('user, method, channel (case-insensitive), size', () => {
    assert.equal(fires(oneRule('{ user: [Tanaka, suzuki] }'), { context: { user: 'tanaka' } }), true);
    assert.equal(fires(oneRule('{ user: tanaka }'), { context: {} }), false);
    for (const proxyName of ['MINISTRY\\tanaka', 'WinNT://MINISTRY/tanaka', 'tanaka@ministry.example']) assert.equal(fires(oneRule('{ user: tanaka }'), { context: { user: proxyName } }), true, proxyName);
    assert.equal(fires(oneRule("{ user: 'ministry\\tanaka' }"), { context: { user: 'OTHER\\tanaka' } }), false, 'a rule naming the domain needs that domain');
    assert.equal(fires(oneRule('{ method: [PUT, post] }'), { context: { method: 'POST' } }), true);
    assert.equal(fires(oneRule('{ method: PUT }'), { context: { method: 'GET' } }), false);
    assert.equal(fires(oneRule('{ channel: cli }'), { context: { channel: 'cli' } }), true);
    assert.equal(fires(oneRule('{ channel: cli }'), {}), false);
    const big = oneRule("{ size: { min: '10 MiB' } }");
    assert.equal(fires(big, { bytes: 10 * 1024 * 1024 }), true);
    assert.equal(fires(big, { bytes: 10 * 1024 * 1024 - 1 }), false);
    assert.equal(fires(oneRule('{ size: { min: 100, max: 200 } }'), { bytes: 201 }), false);
  });

  it('quarantined asks the caller-supplied lookup with the client address', () => {
    const asked: string[] = [];
    const e = oneRule('{ quarantined: true }', '', { isQuarantined: (ip) => (asked.push(ip), ip === '10.0.0.66') });
    assert.equal(fires(e, { context: { clientIp: '10.0.0.66' } }), true);
    assert.equal(fires(e, { context: { clientIp: '10.0.0.5' } }), false);
    assert.equal(fires(e, {}), false);
    assert.deepEqual([...new Set(asked)], ['10.0.0.66', '10.0.0.5']);
    assert.equal(fires(oneRule('{ quarantined: true }'), { context: { clientIp: '10.0.0.66' } }), false, 'nobody is quarantined without a lookup');
  });

  it('not and any', () => {
    const e = oneRule('{ not: { destination: [example.go.jp] }, any: [{ label: { atLeast: c3 } }, { detector: jp.my_number, minCount: 3 }] }');
    assert.equal(fires(e, { label: 'c3', context: { destHost: 'evil.example' } }), true);
    assert.equal(fires(e, { findings: [finding('jp.my_number', 3)], context: { destHost: 'evil.example' } }), true);
    assert.equal(fires(e, { label: 'c3', context: { destHost: 'www.example.go.jp' } }), false);
    assert.equal(fires(e, { label: 'c2', context: { destHost: 'evil.example' } }), false);
  });

  it('an empty when matches everything', () => {
    assert.equal(fires(oneRule('{}'), {}), true);
  });
});

describe('policy engine', () => {
  const yaml = `
lists: { approved: [example.go.jp] }
rules:
  - id: c3-anywhere
    description: c3 never leaves
    when: { label: { atLeast: c3 } }
    action: block
  - id: c2-approved
    when: { label: { atLeast: c2 }, destination: { list: approved } }
    action: alert
  - id: c2-elsewhere
    when: { label: { atLeast: c2 } }
    action: block
default: { action: allow, description: nothing sensitive }
`;
  const config = policyConfigSchema.parse(parse(yaml));
  const engine = createPolicyEngine(config, taxonomy);

  it('first match wins', () => {
    const v = engine.decide(input({ label: 'c3', context: { destHost: 'www.example.go.jp' } }));
    assert.equal(v.rule, 'c3-anywhere');
    assert.equal(v.action, 'block');
    assert.match(v.reason, /^c3 never leaves: label c3 is at least c3$/);
    assert.equal(engine.decide(input({ label: 'c2', context: { destHost: 'www.example.go.jp' } })).rule, 'c2-approved');
    const out = engine.decide(input({ label: 'c2', context: { destHost: 'box.example' } }));
    assert.deepEqual([out.rule, out.action], ['c2-elsewhere', 'block']);
    assert.match(out.reason, /label c2 is at least c2/);
  });

  it('the default rule decides when nothing matches', () => {
    assert.deepEqual(engine.decide(input({ label: 'c1' })), { action: 'allow', rule: 'default', reason: 'nothing sensitive' });
  });

  it('monitor mode records what would be blocked and blocks nothing', () => {
    const monitor = createPolicyEngine({ ...config, mode: 'monitor' }, taxonomy);
    const v = monitor.decide(input({ label: 'c2', context: { destHost: 'box.example' } }));
    assert.deepEqual([v.action, v.rule, v.monitored], ['alert', 'c2-elsewhere', true]);
    assert.match(v.reason, /^monitor mode: would block \(/);
    const alert = monitor.decide(input({ label: 'c2', context: { destHost: 'example.go.jp' } }));
    assert.deepEqual([alert.action, alert.monitored], ['alert', undefined]);
  });

  it('explains every rule: which matched, which fired, and why each condition did or did not hold', () => {
    const x = explainDecision(engine, input({ label: 'c2', context: { destHost: 'box.example', clientIp: '10.0.0.1' } }));
    assert.equal(x.verdict.rule, 'c2-elsewhere');
    assert.deepEqual(x.rules.map((r) => [r.id, r.matched, r.fired]), [
      ['c3-anywhere', false, false],
      ['c2-approved', false, false],
      ['c2-elsewhere', true, true],
      ['default', true, false],
    ]);
    const approved = x.rules[1]!.conditions;
    assert.deepEqual(approved.map((c) => [c.condition, c.matched]), [['label', true], ['destination', false]]);
    assert.equal(approved[1]!.why, 'destination box.example is not in list approved');
  });

  it('rejects labels the taxonomy lacks and unknown detectors when the detector list is known', () => {
    const bad = policyConfigSchema.parse(parse('rules:\n  - id: r\n    when: { label: { atLeast: c9 } }\n    action: block\n'));
    assert.throws(() => createPolicyEngine(bad, taxonomy), (e: unknown) => e instanceof MamoriError && e.code === 'ERR_CONFIG' && /rule 0 \(r\)\.label: unknown label "c9"/.test(e.message));
    const det = policyConfigSchema.parse(parse("rules:\n  - id: r\n    when: { detector: ['jp.my_numbr'] }\n    action: block\n"));
    assert.throws(() => createPolicyEngine(det, taxonomy, { detectors: ['jp.my_number'] }), /"jp\.my_numbr" matches no known detector/);
    assert.doesNotThrow(() => createPolicyEngine(policyConfigSchema.parse(parse("rules:\n  - id: r\n    when: { detector: 'jp.*' }\n    action: block\n")), taxonomy, { detectors: ['jp.my_number'] }));
  });
});
