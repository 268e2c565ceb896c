import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, parseConfig } from '../config/index.js';
import { LabelTaxonomy } from '../core/index.js';
import { DEFAULT_POLICY, createPolicyEngine, defaultPolicyEngine } from './index.js';
import { docMatch, finding, input } from './test-support/input.js';

const taxonomy = new LabelTaxonomy();
const quarantine = new Set(['10.20.0.66']);
const engine = defaultPolicyEngine(taxonomy, { isQuarantined: (ip) => quarantine.has(ip) });
const decide = (i: Parameters<typeof input>[0]) => {
  const v = engine.decide(input(i));
  return `${v.action} ${v.rule}`;
};

describe('shipped default policy', () => {
  it('blocks c2 and c3 to any destination while the approved list is empty', () => {
    assert.equal(decide({ label: 'c2', findings: [finding('jp.my_number', 20)], context: { destHost: 'files.example-c2.net' } }), 'block sensitive-to-unapproved');
    assert.equal(decide({ label: 'c3', context: { destHost: 'mail.example.go.jp' } }), 'block sensitive-to-unapproved');
    assert.equal(decide({ label: 'c2', context: { channel: 'cli' } }), 'block sensitive-to-unapproved', 'no destination known is not an approved one');
  });

  it('blocks encrypted archives to unknown destinations and lets harmless uploads through', () => {
    assert.equal(decide({ unscannable: true, context: { destHost: '203.0.113.50' } }), 'block unscannable-to-unapproved');
    assert.equal(decide({ context: { destHost: 'www.example.com' } }), 'allow default');
  });

  it('blocks every upload from a quarantined host, but not its body-less requests', () => {
    assert.equal(decide({ context: { clientIp: '10.20.0.66', destHost: 'www.example.com' } }), 'block quarantined-host-upload');
    assert.equal(decide({ bytes: 0, context: { clientIp: '10.20.0.66', method: 'GET' } }), 'allow default');
    assert.equal(decide({ context: { clientIp: '10.20.0.5' } }), 'allow default');
  });

  it('records a registered-document match below the label thresholds as an alert', () => {
    assert.equal(decide({ matches: [docMatch('c2', 0.03, 40)], context: { destHost: 'pastebin.example' } }), 'alert registered-document');
  });

  it('the config approved list opens the door for c2, recorded as an alert', () => {
    const config = parseConfig("policy:\n  lists:\n    approved: [cloud.example.go.jp, '2001:db8:10::/48']\n");
    const withList = createPolicyEngine(config.policy, taxonomy);
    assert.equal(withList.usesDefaultRules, true);
    const at = (context: Parameters<typeof input>[0]) => withList.decide(input(context));
    assert.equal(at({ label: 'c2', context: { destHost: 'share.cloud.example.go.jp' } }).action, 'alert');
    assert.equal(at({ label: 'c3', context: { destIp: '2001:db8:10::5' } }).rule, 'sensitive-to-approved');
    assert.equal(at({ unscannable: true, context: { destHost: 'cloud.example.go.jp' } }).rule, 'unscannable-to-approved');
    assert.equal(at({ label: 'c2', context: { destHost: 'cloud.example.go.jp.attacker.example' } }).action, 'block');
  });

  it('monitor mode from the config applies to the default rules', () => {
    const monitor = createPolicyEngine(parseConfig('policy:\n  mode: monitor\n').policy, taxonomy);
    const v = monitor.decide(input({ label: 'c3', context: { destHost: 'x.example' } }));
    assert.deepEqual([v.action, v.rule, v.monitored], ['alert', 'sensitive-to-unapproved', true]);
  });

  it('examples/mamori.yaml carries exactly the shipped default policy', () => {
    const path = fileURLToPath(new URL('../../examples/mamori.yaml', import.meta.url));
    assert.deepEqual(loadConfigFile(path).policy, DEFAULT_POLICY);
  });
});
