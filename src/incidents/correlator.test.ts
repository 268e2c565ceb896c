import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LabelTaxonomy } from '../core/index.js';
import { insertEvents, listIncidents, listTimeline, replaceNetFindings, upsertInventory, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { IncidentCorrelator } from './correlator.js';
import { inventoryFile, match, netFinding, uploadEvent } from './test-support/fixtures.js';
import { loadIncidentView } from './view.js';
import { changeIncident } from './workflow.js';
import { untilCommittedVisible } from '../store/test-support/committed.js';

const taxonomy = new LabelTaxonomy();

for (const dialect of DIALECTS) {
  describe(`incident correlation (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('merges a host’s uploads and findings into one incident with document statuses and destinations', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const ip = '10.1.0.1';
      const blocked = uploadEvent({ clientIp: ip, time: '2026-11-01T10:00:00.000Z', matches: [match('d1'), match('d2')] });
      const leaked = uploadEvent({ clientIp: ip, time: '2026-11-01T09:00:00.000Z', action: 'allow', monitored: false, matches: [match('d2'), match('d3', 'c3')], bytes: 3000 });
      const monitored = uploadEvent({ clientIp: ip, time: '2026-11-01T09:30:00.000Z', action: 'block', monitored: true, matches: [match('d4')] });
      const harmless = uploadEvent({ clientIp: ip, action: 'allow', label: 'c1', matches: [match('pub', 'c1')] });
      const r = await c.ingestEvents([blocked, leaked, monitored, harmless]);
      assert.equal(r.created.length, 1);
      assert.equal(r.merged, 3);
      await c.ingestFindings([netFinding({ src: ip, dst: '203.0.113.9', dstHost: 'evil.example' })], 'mof');

      const [inc] = await listIncidents(store.db, { host: ip });
      const view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.org, 'mof');
      const status = Object.fromEntries(view.documents.map((d) => [d.docId, d.status]));
      assert.deepEqual(status, { d1: 'blocked', d2: 'confirmed', d3: 'confirmed', d4: 'confirmed' });
      assert.equal(view.documents.find((d) => d.docId === 'd3')!.label, 'c3');
      assert.equal(view.topLabel, 'c3');
      assert.equal(view.leaked, true);
      assert.equal(view.severity, 'critical');
      // Host-only (proxy) and address (sensor) records of the same server are one destination.
      assert.equal(view.destinations.length, 1);
      const dest = view.destinations[0]!;
      assert.equal(dest.ip, '203.0.113.9');
      assert.equal(dest.host, 'evil.example');
      assert.equal(dest.uploads, 3);
      assert.equal(dest.uploadBytesOut, 4000);
      assert.equal(dest.bytesBlocked, 1000);
      assert.equal(dest.bytesOut, 50_000);
      assert.equal(view.firstSeen, '2026-11-01T08:00:00.000Z');
      assert.equal(view.findings.length, 1);
      assert.deepEqual(view.documents.find((d) => d.docId === 'd2')!.destinations, ['evil.example']);
      const kinds = view.timeline.map((t) => t.kind);
      for (const k of ['incident-opened', 'upload-blocked', 'upload-allowed', 'upload-monitored', 'network-beacon']) assert.ok(kinds.includes(k), k);
      assert.ok(view.timeline.some((t) => t.evidence.eventIds?.includes(blocked.id)));
      assert.ok(view.timeline.some((t) => t.evidence.findingKeys?.[0] === `beacon|${ip}|203.0.113.9|443`));
      assert.ok(!view.timeline.some((t) => t.evidence.eventIds?.includes(harmless.id)));
    });

    it('is idempotent: the same events and findings fed again change nothing', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const ip = '10.1.0.2';
      const events = [uploadEvent({ clientIp: ip, matches: [match('x1')] }), uploadEvent({ clientIp: ip, action: 'allow', matches: [match('x2')] })];
      const f = netFinding({ src: ip });
      await c.ingestEvents(events);
      await c.ingestFindings([f], 'mof');
      const [inc] = await listIncidents(store.db, { host: ip });
      const before1 = await loadIncidentView(store.db, inc!.id);
      const again = await c.ingestEvents([...events, events[0]!]);
      assert.equal(again.merged, 0);
      await c.ingestFindings([f, f], 'mof');
      // A fresh correlator (another process) must agree.
      await new IncidentCorrelator({ db: store.db, taxonomy }).ingestEvents(events);
      const after1 = await loadIncidentView(store.db, inc!.id);
      assert.deepEqual(after1!.documents, before1!.documents);
      assert.deepEqual(after1!.destinations, before1!.destinations);
      assert.equal(after1!.timeline.length, before1!.timeline.length);
      assert.equal((await listIncidents(store.db, { host: ip })).length, 1);
    });

    it('marks inventoried sensitive files suspected when a flagged destination got unexplained volume', async () => {
      const ip = '10.1.0.3';
      await upsertInventory(store.db, [
        inventoryFile({ host: 'ws-003', path: 'D:/秘/計画.docx', label: 'c3', sha256: 'a1'.repeat(32) }),
        inventoryFile({ host: 'ws-003', path: 'D:/名簿.xlsx', label: 'c2', sha256: 'a2'.repeat(32), matches: [{ docId: 'reg-meibo', path: '/reg/名簿.xlsx', label: 'c2', coverage: 1 }] }),
        inventoryFile({ host: 'ws-003', path: 'D:/公開.txt', label: 'c1', sha256: 'a3'.repeat(32) }),
      ]);
      const c = new IncidentCorrelator({ db: store.db, taxonomy, config: { unexplainedBytes: 10_000_000, hostAliases: { [ip]: ['ws-003'] } } });
      await c.ingestFindings([netFinding({ src: ip, bytesOut: 5_000_000 })], 'mof');
      let [inc] = await listIncidents(store.db, { host: ip });
      let view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.documents.length, 0, 'volume below the threshold explains nothing');
      assert.equal(view.leaked, false);
      await c.ingestFindings([netFinding({ src: ip, kind: 'exfil-volume', bytesOut: 80_000_000 })], 'mof');
      [inc] = await listIncidents(store.db, { host: ip });
      view = (await loadIncidentView(store.db, inc!.id))!;
      assert.deepEqual(view.documents.map((d) => [d.path, d.status, d.label]).sort(), [
        ['/reg/名簿.xlsx', 'suspected', 'c2'],
        ['D:/秘/計画.docx', 'suspected', 'c3'],
      ]);
      assert.equal(view.destinations[0]!.bytesOut, 80_000_000, 'largest finding, not the sum');
      assert.equal(view.leaked, true);
      // An upload of the inventoried file recognised by hash confirms it.
      await c.ingestEvents([uploadEvent({ clientIp: ip, action: 'allow', label: 'c3', sha256: 'a1'.repeat(32), fileName: '計画.docx' })]);
      view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.documents.find((d) => d.path === 'D:/秘/計画.docx')!.status, 'confirmed');
    });

    it('links incidents of two organisations that share a destination', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      await c.ingestFindings([netFinding({ src: '10.2.0.1', dst: '198.51.100.77', dstHost: 'c2.example' })], 'mof');
      await c.ingestEvents([uploadEvent({ org: 'mlit', clientIp: '10.2.0.1', destHost: 'c2.example', destIp: null })]);
      const a = (await listIncidents(store.db, { org: 'mof', host: '10.2.0.1' }))[0]!;
      const b = (await listIncidents(store.db, { org: 'mlit', host: '10.2.0.1' }))[0]!;
      assert.notEqual(a.id, b.id, 'same address in two organisations is two hosts');
      const va = (await loadIncidentView(store.db, a.id))!;
      assert.deepEqual(va.links, [{ incidentId: b.id, via: 'destination', value: 'c2.example' }]);
      const vb = (await loadIncidentView(store.db, b.id))!;
      assert.deepEqual(vb.links, [{ incidentId: a.id, via: 'destination', value: 'c2.example' }]);
      assert.ok(vb.timeline.some((t) => t.kind === 'incident-linked'));
    });

    it('rejects malformed findings with a reason and still merges the rest of the batch', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const hostile = [
        netFinding({ src: 'not an ip' }),
        netFinding({ src: '10.6.0.1', dst: '<script>' }),
        netFinding({ src: '10.6.0.1', kind: 'mystery' as never }),
        netFinding({ src: '10.6.0.1', firstSeen: 'yesterday' }),
        netFinding({ src: '10.6.0.1', bytesOut: Number.NaN, connections: -5, score: 7, port: 99999, reasons: ['x'.repeat(100_000)], dstHost: 'h'.repeat(10_000) }),
      ];
      const r = await c.ingestFindings(hostile, 'mof');
      assert.equal(r.rejected?.length, 4);
      assert.match(r.rejected![0]!, /source is not an IP address/);
      assert.equal(r.merged, 1);
      const [inc] = await listIncidents(store.db, { host: '10.6.0.1' });
      const f = (await loadIncidentView(store.db, inc!.id))!.findings[0]!;
      assert.deepEqual([f.bytesOut, f.connections, f.score, f.port, f.reasons[0]!.length, f.dstHost!.length], [0, 0, 1, null, 500, 253]);
    });

    it('ignores weak findings for hosts without an incident, and harmless uploads', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const r1 = await c.ingestFindings([netFinding({ src: '10.3.0.1', kind: 'rare-destination', severity: 'low' })], 'mof');
      const r2 = await c.ingestEvents([uploadEvent({ clientIp: '10.3.0.1', action: 'allow', label: 'c1' }), uploadEvent({ clientIp: null })]);
      assert.equal(r1.created.length + r2.created.length, 0);
      assert.equal((await listIncidents(store.db, { host: '10.3.0.1' })).length, 0);
    });

    it('keeps the responder’s status, audits changes, and opens a new linked incident after closing', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy, now: () => new Date('2026-11-02T00:00:00.000Z') });
      const ip = '10.4.0.1';
      await c.ingestEvents([uploadEvent({ clientIp: ip })]);
      const [inc] = await listIncidents(store.db, { host: ip });
      await changeIncident(store.db, inc!.id, { status: 'investigating', assignee: 'sato', note: 'NISC notified us' }, 'sato');
      await assert.rejects(changeIncident(store.db, inc!.id, { status: 'new' }, 'sato'), /cannot go from investigating to new/);
      await c.ingestEvents([uploadEvent({ clientIp: ip, time: '2026-11-01T11:00:00.000Z' })]);
      let view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.status, 'investigating');
      assert.equal(view.assignee, 'sato');
      assert.deepEqual(
        view.audit.filter((a) => a.actor === 'sato').map((a) => [a.field, a.oldValue, a.newValue, a.note]),
        [
          ['status', 'new', 'investigating', 'NISC notified us'],
          ['assignee', null, 'sato', 'NISC notified us'],
        ],
      );
      await changeIncident(store.db, inc!.id, { status: 'closed', note: 'reimaged' }, 'suzuki');
      await c.ingestEvents([uploadEvent({ clientIp: ip, time: '2026-11-05T11:00:00.000Z' })]);
      const all = await listIncidents(store.db, { host: ip });
      assert.equal(all.length, 2);
      const fresh = all.find((i) => i.id !== inc!.id)!;
      view = (await loadIncidentView(store.db, fresh.id))!;
      assert.equal(view.status, 'new');
      assert.ok(view.links.some((l) => l.incidentId === inc!.id && l.via === 'host'));
      assert.equal((await listTimeline(store.db, inc!.id)).filter((t) => t.kind === 'status-changed').length, 2);
    });

    it('merges the stored network findings of an organisation, only when they changed', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      await replaceNetFindings(store.db, 'moj', [netFinding({ src: '10.8.0.1' }), netFinding({ src: '10.8.0.2', severity: 'low', kind: 'rare-destination' })]);
      const first = await c.catchUpFindings('moj');
      assert.equal(first.created.length, 1);
      assert.equal((await c.catchUpFindings('moj')).merged, 0, 'unchanged set');
      await replaceNetFindings(store.db, 'moj', [netFinding({ src: '10.8.0.1', lastSeen: '2026-11-02T00:00:00.000Z', bytesOut: 90_000 }), netFinding({ src: '10.8.0.2', severity: 'low', kind: 'rare-destination' })]);
      const again = await new IncidentCorrelator({ db: store.db, taxonomy }).catchUpFindings('moj');
      assert.equal(again.merged, 1, 'only the updated finding');
      const [inc] = await listIncidents(store.db, { org: 'moj', host: '10.8.0.1' });
      const view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.lastSeen, '2026-11-02T00:00:00.000Z');
      assert.equal(view.destinations[0]!.networkBytesOut, 90_000);
      assert.equal(view.timeline.filter((t) => t.kind === 'network-beacon').length, 1);
    });

    it('catches up incrementally from stored events and remembers its position', async () => {
      const ip = '10.5.0.1';
      const stored = Array.from({ length: 30 }, (_, i) => uploadEvent({ clientIp: ip, time: new Date(Date.UTC(2026, 10, 3, 0, i)).toISOString(), matches: [match(`k${i % 7}`)] }));
      await insertEvents(store.db, stored);
      await untilCommittedVisible(store.db, store.dialect);
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const first = await c.catchUp({ pageSize: 8 });
      assert.ok(first.merged >= 30);
      const second = await new IncidentCorrelator({ db: store.db, taxonomy }).catchUp({ pageSize: 8 });
      assert.equal(second.merged, 0);
      await insertEvents(store.db, [uploadEvent({ clientIp: ip, time: '2026-11-03T01:00:00.000Z', action: 'allow', matches: [match('k0')] })]);
      await untilCommittedVisible(store.db, store.dialect);
      const third = await c.catchUp({ pageSize: 8 });
      assert.equal(third.merged, 1);
      const [inc] = await listIncidents(store.db, { host: ip });
      const view = (await loadIncidentView(store.db, inc!.id))!;
      assert.equal(view.documents.length, 7);
      assert.equal(view.documents.find((d) => d.docId === 'k0')!.status, 'confirmed');
      assert.equal(view.documents.find((d) => d.docId === 'k1')!.status, 'blocked');
    });
  });
}
