import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LabelTaxonomy } from '../core/index.js';
import { createPolicyEngine, defaultPolicyEngine, explainDecision } from '../policy/index.js';
import { input } from '../policy/test-support/input.js';
import { renderExplanation } from './policy-explain.js';

describe('renderExplanation', () => {
  it('marks the deciding rule and says why each condition held or failed', () => {
    const out = renderExplanation(explainDecision(defaultPolicyEngine(new LabelTaxonomy()), input({ label: 'c3', context: { destHost: 'drop.example', clientIp: '10.0.0.3' } })));
    const lines = out.split('\n');
    const row = (id: string) => lines.slice(1).find((l) => l.includes(id))!;
    assert.equal(lines[0], 'policy (enforce): block by rule sensitive-to-unapproved');
    assert.match(row('sensitive-to-unapproved'), /→\s+sensitive-to-unapproved\s+block\s+✓ label c3 is at least c2; ✓ destination drop\.example is not in list approved/);
    assert.match(row('quarantined-host-upload'), /·\s+quarantined-host-upload .*✗ client 10\.0\.0\.3 is not quarantined/);
  });

  it('says when monitor mode kept a block from happening', () => {
    const engine = createPolicyEngine({ mode: 'monitor', lists: {}, segments: {}, rules: [] }, new LabelTaxonomy());
    assert.match(renderExplanation(explainDecision(engine, input({ label: 'c2' }))), /^policy \(monitor\): alert by rule sensitive-to-unapproved \(monitor mode: not blocked\)/);
  });
});
