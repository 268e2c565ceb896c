import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseConfig } from '../config/index.js';
import { DEFAULT_LABELS, MamoriError } from '../core/index.js';
import { policyConfigSchema, refinePolicyLabels } from './config.js';
import { policyWarnings } from './warnings.js';

/** The message of the ERR_CONFIG that parseConfig throws for `text`. */
function configError(text: string): string {
  try {
    parseConfig(text, 'mamori.yaml');
  } catch (e) {
    assert.ok(e instanceof MamoriError && e.code === 'ERR_CONFIG', String(e));
    return e.message;
  }
  assert.fail('config was accepted');
}

const rules = (body: string) => `org: ministry\npolicy:\n  lists:\n    approved: [example.go.jp]\n  rules:\n${body}`;

describe('policy config', () => {
  it('accepts the full grammar', () => {
    const c = parseConfig(
      rules(`    - id: r1
      description: everything
      when:
        label: { atLeast: c2 }
        detector: [jp.my_number, 'secret.*']
        minCount: 2
        document: { label: { in: [c2, c3] }, minCoverage: 0.2 }
        unscannable: false
        destination: { list: approved, entries: ['*.example.com', 203.0.113.0/24, '2001:db8::/32'] }
        client: ['10.0.0.0/8', 'fd00::/8']
        user: tanaka
        method: [POST, PUT]
        size: { min: 1, max: 20 MiB }
        channel: icap
        quarantined: false
        not: { any: [{ label: { exactly: c3 } }, { category: secret }] }
      action: alert
`),
    );
    const rule = c.policy.rules[0]!;
    assert.deepEqual(rule.when.user, ['tanaka']);
    assert.equal(rule.when.size?.max, 20 * 1024 * 1024);
    assert.deepEqual(rule.when.destination?.entries, ['*.example.com', '203.0.113.0/24', '2001:db8::/32']);
    assert.deepEqual(rule.when.document, { present: true, label: { in: ['c2', 'c3'] }, minCoverage: 0.2 });
  });

  it('names the line of an unknown condition and lists the known ones', () => {
    const m = configError(rules('    - id: r1\n      when:\n        lable: { atLeast: c2 }\n      action: block\n'));
    assert.match(m, /^mamori\.yaml:8: policy\.rules\.0\.when: unknown condition "lable"; known conditions: label, detector/);
  });

  it('names the line of a bad CIDR, a bad domain and a bad client address', () => {
    assert.match(configError(rules("    - id: r1\n      when:\n        destination: ['10.0.0.0/33']\n      action: block\n")), /^mamori\.yaml:8: policy\.rules\.0\.when\.destination\.entries\.0: bad CIDR prefix in "10\.0\.0\.0\/33"/);
    assert.match(configError(rules("    - id: r1\n      when:\n        destination: ['foo*.com']\n      action: block\n")), /mamori\.yaml:8: .*bad destination "foo\*\.com"/);
    assert.match(configError(rules('    - id: r1\n      when:\n        client: [intranet.example]\n      action: block\n')), /mamori\.yaml:8: policy\.rules\.0\.when\.client\.entries\.0: "intranet\.example" is not an IP address or CIDR/);
    assert.match(configError('policy:\n  lists:\n    approved:\n      - example.go.jp\n      - 300.1.2.3/8\n'), /^mamori\.yaml:5: policy\.lists\.approved\.1: /);
  });

  it('names the line of an unknown list or segment and lists the defined ones', () => {
    const m = configError(rules('    - id: r1\n      when:\n        not: { destination: { list: aproved } }\n      action: block\n'));
    assert.match(m, /^mamori\.yaml:8: policy\.rules\.0\.when\.not\.destination\.list: unknown list "aproved"; defined lists: approved/);
    const s = configError(rules('    - id: r1\n      when:\n        client: { segment: servers }\n      action: block\n'));
    assert.match(s, /unknown segment "servers"; defined segments: none \(define it under policy\.segments\)/);
  });

  it('rejects bad actions, duplicate ids, bad label tests, minCount alone, bad sizes', () => {
    assert.match(configError(rules('    - id: r1\n      action: deny\n')), /^mamori\.yaml:7: policy\.rules\.0\.action: action must be allow, alert \(allow and record\) or block/);
    assert.match(configError(rules('    - id: r1\n      action: block\n    - id: r1\n      action: allow\n')), /^mamori\.yaml:8: policy\.rules\.1\.id: duplicate rule id "r1"/);
    assert.match(configError(rules('    - id: r1\n      when: { label: c2 }\n      action: block\n')), /policy\.rules\.0\.when\.label: write the label test as \{ atLeast: c2 \}/);
    assert.match(configError(rules('    - id: r1\n      when: { label: { above: c2 } }\n      action: block\n')), /unknown label test "above"/);
    assert.match(configError(rules('    - id: r1\n      when: { minCount: 3 }\n      action: block\n')), /policy\.rules\.0\.when\.minCount: minCount needs a detector or category/);
    assert.match(configError(rules("    - id: r1\n      when: { size: { max: '10 parsecs' } }\n      action: block\n")), /policy\.rules\.0\.when\.size\.max: expected a byte count/);
    assert.match(configError(rules('    - id: r1\n      when: { detector: \'se*cret\' }\n      action: block\n')), /expected a detector id/);
    assert.match(configError(rules('    - id: r1\n      whenn: {}\n      action: block\n')), /unknown rule key "whenn"/);
    assert.match(configError(rules('    - id: r1\n      when: { destination: 42 }\n      action: block\n')), /policy\.rules\.0\.when\.destination: write destination as a list/);
    assert.match(configError(rules('    - id: r1\n      when: { client: { segmnt: x } }\n      action: block\n')), /unknown client key "segmnt"/);
    assert.match(configError(rules("    - id: r1\n      when: { document: yes please }\n      action: block\n")), /write document as true, false/);
    assert.match(configError(rules('    - id: r1\n      when: { size: 5 }\n      action: block\n')), /write size as/);
    assert.match(configError('policy:\n  mode: audit\n'), /^mamori\.yaml:2: policy\.mode: mode must be enforce or monitor/);
  });

  it('refinePolicyLabels reports labels the taxonomy lacks with their path', () => {
    const schema = z.object({ labels: z.array(z.object({ id: z.string() })).optional(), policy: policyConfigSchema }).superRefine(refinePolicyLabels(DEFAULT_LABELS.map((l) => l.id)));
    const r = schema.safeParse({ policy: { rules: [{ id: 'r', when: { any: [{ document: { label: { exactly: 'c4' } } }] }, action: 'block' }] } });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues.map((i) => [i.path.join('.'), i.message]), [['policy.rules.0.when.any.0.document.label.exactly', 'unknown label "c4"; labels: c1, c2, c3']]);
    const custom = schema.safeParse({ labels: [{ id: 'public' }, { id: 'secret' }], policy: { rules: [{ id: 'r', when: { label: { atLeast: 'secret' } }, action: 'block' }] } });
    assert.equal(custom.success, true);
  });
});

describe('policy warnings', () => {
  it('names rules shadowed by a catch-all, unused lists and empty used lists', () => {
    const c = parseConfig(rules('    - id: all\n      action: alert\n    - id: later\n      when: { destination: { list: approved } }\n      action: block\n') + '  default: { action: allow }\n');
    assert.deepEqual(policyWarnings(c.policy), ['rule "all" matches everything, so "later" and the default rule are never reached']);
    const unused = parseConfig('policy:\n  lists: { spare: [a.example], approved: [] }\n  rules:\n    - id: r\n      when: { destination: { list: approved } }\n      action: allow\n');
    assert.deepEqual(policyWarnings(unused.policy), ['list "spare" is defined but no rule uses it', 'list "approved" is empty: rules that allow destinations in it match no destination yet']);
  });
});
