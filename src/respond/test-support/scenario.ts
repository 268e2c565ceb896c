import { LabelTaxonomy } from '../../core/index.js';
import { IncidentCorrelator, loadIncidentView, type IncidentView } from '../../incidents/index.js';
import { match, netFinding, uploadEvent } from '../../incidents/test-support/fixtures.js';
import { listIncidents, type Store } from '../../store/index.js';

/**
 * Correlates a small leak into `store`: host 10.9.0.5 beacons to 203.0.113.9 (evil.example), sends two
 * documents out and has one blocked; another organisation's host talks to the same server over IPv6 too.
 */
export async function seedLeak(store: Store): Promise<{ view: IncidentView; other: IncidentView }> {
  const c = new IncidentCorrelator({ db: store.db, taxonomy: new LabelTaxonomy() });
  await c.ingestFindings([netFinding({ src: '10.9.0.5', dst: '203.0.113.9', dstHost: 'evil.example' })], 'mof');
  await c.ingestEvents([
    uploadEvent({ clientIp: '10.9.0.5', action: 'allow', destHost: 'evil.example', matches: [match('doc-a', 'c2', '/share/予算案.docx'), match('doc-b', 'c3', '/share/秘/計画.pdf')] }),
    uploadEvent({ clientIp: '10.9.0.5', action: 'block', destHost: 'drive.example.com', matches: [match('doc-c', 'c2', '/share/名簿.xlsx')] }),
  ]);
  await c.ingestFindings([netFinding({ src: '10.20.0.7', dst: '2001:db8::66', dstHost: 'upload.evil.example' }), netFinding({ src: '10.20.0.7' })], 'mlit');
  const [mof] = await listIncidents(store.db, { org: 'mof', host: '10.9.0.5' });
  const [mlit] = await listIncidents(store.db, { org: 'mlit', host: '10.20.0.7' });
  return { view: (await loadIncidentView(store.db, mof!.id))!, other: (await loadIncidentView(store.db, mlit!.id))! };
}
