import { newId } from '../core/index.js';
import { insertIncidentAudit, saveTimeline, type Db } from '../store/index.js';

/**
 * Records a response action on an incident (block list entries, quarantine, an export to the national centre):
 * audited with who and when, and shown on the timeline.
 *
 * @example
 * await recordAction(store.db, id, 'blocklist', 'evil.example, 203.0.113.9 put on the block list', 'sato');
 */
export async function recordAction(db: Db, incidentId: string, action: string, summary: string, actor: string, now = new Date()): Promise<void> {
  const id = newId('aud', now.getTime());
  const at = now.toISOString();
  await insertIncidentAudit(db, [{ id, incidentId, time: at, actor, field: `action:${action}`, oldValue: null, newValue: summary.slice(0, 2000), note: null }]);
  await saveTimeline(db, [{ id: `audit:${id}`, incidentId, time: at, kind: `response-${action}`, summary: `${actor}: ${summary}`, evidence: { auditIds: [id] } }]);
}
