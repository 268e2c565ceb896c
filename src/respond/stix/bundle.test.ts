import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../store/index.js';
import { REQUIRE_SERVICES, openTestStore } from '../../store/test-support/dialects.js';
import { loadStixValidator, stixSchemaDir } from '../test-support/stix-validator.js';
import { seedLeak } from '../test-support/scenario.js';
import { buildStixBundle, INCIDENT_CORE_EXTENSION, type StixObject } from './bundle.js';
import { scoId, uuidv5 } from './ids.js';

const validate = loadStixValidator();
const skip = !validate && !REQUIRE_SERVICES ? `STIX schemas not found in ${stixSchemaDir()} (set MAMORI_SHARED_DATA, or MAMORI_REQUIRE_SERVICES=1 to fail instead)` : false;

describe('STIX 2.1 export', () => {
  let store: Store;
  before(async () => {
    store = await openTestStore('sqlite');
  });
  after(async () => {
    await store?.close();
  });

  it('makes UUIDv5 ids as RFC 4122 and STIX specify', () => {
    // RFC 4122 appendix namespace (DNS) and the well-known v5 of "python.org".
    assert.equal(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.match(scoId('ipv4-addr', { value: '203.0.113.9' }), /^ipv4-addr--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('validates against the official schemas, with indicators, sightings, observed data and the incident', { skip }, async () => {
    const { view, other } = await seedLeak(store);
    const bundle = buildStixBundle([view, other], { organisation: '財務省 (MOF)', tlp: 'amber' });
    assert.ok(validate, 'validator loaded');
    assert.deepEqual(validate(bundle), []);
    const of = (type: string) => bundle.objects.filter((o) => o.type === type);
    assert.equal(of('identity').length, 1);
    assert.deepEqual(of('indicator').map((o) => o.pattern).sort(), [
      "[domain-name:value = 'evil.example']",
      "[domain-name:value = 'upload.evil.example']",
      "[ipv4-addr:value = '203.0.113.9']",
      "[ipv6-addr:value = '2001:db8::66']",
      "[domain-name:value = 'drive.example.com']",
    ].sort());
    assert.equal(of('incident').length, 2);
    const inc = of('incident').find((o) => (o.external_references as { external_id: string }[])[0]!.external_id === view.id)!;
    const ext = (inc.extensions as Record<string, Record<string, unknown>>)[INCIDENT_CORE_EXTENSION]!;
    assert.equal(ext.determination, 'confirmed');
    assert.equal(ext.investigation_status, 'new');
    // The shared server is one indicator sighted by both incidents.
    const ipIndicator = of('indicator').find((o) => o.pattern === "[ipv4-addr:value = '203.0.113.9']")!;
    assert.equal(of('sighting').filter((s) => s.sighting_of_ref === ipIndicator.id).length, 2);
    // Documents travel as names and hashes only.
    const files = of('file') as (StixObject & { name: string })[];
    assert.deepEqual(files.map((f) => f.name).sort(), ['名簿.xlsx', '予算案.docx', '計画.pdf'].sort());
    assert.ok(!JSON.stringify(bundle).includes('/share/'), 'no internal paths');
    // Deterministic: the same incidents give the same ids.
    const again = buildStixBundle([view, other], { organisation: '財務省 (MOF)', tlp: 'amber' });
    assert.deepEqual(again.objects.map((o) => o.id), bundle.objects.map((o) => o.id));
    assert.equal(again.id, bundle.id);
  });

  it('rejects what the schemas reject (the validator is not a rubber stamp)', { skip }, async () => {
    const { view } = await seedLeak(await openTestStore('sqlite'));
    const bundle = buildStixBundle([view], { organisation: 'MOF' });
    const broken = { ...bundle, objects: bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, pattern_type: undefined, valid_from: 'yesterday' } : o)) };
    assert.ok(validate!(JSON.parse(JSON.stringify(broken)) as typeof bundle).length > 0);
  });
});
