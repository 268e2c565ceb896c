import { MamoriError, newId } from '../core/index.js';
import { getIncident, insertIncidentAudit, saveTimeline, updateIncidentWorkflow, type IncidentAuditEntry, type Db, type IncidentRecord, type IncidentStatus } from '../store/index.js';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['new', 'investigating', 'contained', 'closed'];

/** Allowed moves: forward along new → investigating → contained → closed (skipping is allowed), and reopening to investigating. */
const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['investigating', 'contained', 'closed'],
  investigating: ['contained', 'closed'],
  contained: ['closed', 'investigating'],
  closed: ['investigating'],
};

/** A responder's change to an incident. */
export interface IncidentChange {
  readonly status?: IncidentStatus;
  readonly assignee?: string | null;
  readonly note?: string;
}

/** Parses a status given on the command line or over the API. */
export function parseIncidentStatus(value: string): IncidentStatus {
  if ((INCIDENT_STATUSES as readonly string[]).includes(value)) return value as IncidentStatus;
  throw new MamoriError('ERR_USAGE', `status must be one of ${INCIDENT_STATUSES.join('|')}, not "${value}"`);
}

/**
 * Applies a responder's change: status (along the workflow), assignee, note. Every change is audited with who
 * and when, and shown on the timeline. Throws ERR_NOT_FOUND for an unknown incident, ERR_CONFLICT for a move
 * the workflow does not allow.
 *
 * @example
 * await changeIncident(store.db, id, { status: 'investigating', assignee: 'sato', note: 'called the NISC' }, 'sato');
 */
export async function changeIncident(db: Db, id: string, change: IncidentChange, actor: string, now = new Date()): Promise<IncidentRecord> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const inc = await getIncident(trx, id);
    if (!inc) throw new MamoriError('ERR_NOT_FOUND', `no incident ${id}`);
    const status = change.status ?? inc.status;
    if (status !== inc.status && !NEXT[inc.status].includes(status)) {
      throw new MamoriError('ERR_CONFLICT', `incident ${id} cannot go from ${inc.status} to ${status} (allowed: ${NEXT[inc.status].join(', ')})`);
    }
    const assignee = change.assignee === undefined ? inc.assignee : change.assignee;
    const note = change.note?.trim() ? change.note.trim().slice(0, 10_000) : null;
    const audit: IncidentAuditEntry[] = [];
    // One base id with a suffix keeps the changes of one call in the order they were made.
    const base = newId('aud', now.getTime());
    const entry = (field: string, oldValue: string | null, newValue: string | null): IncidentAuditEntry => ({ id: `${base}-${audit.length}`, incidentId: id, time: at, actor, field, oldValue, newValue, note });
    if (status !== inc.status) audit.push(entry('status', inc.status, status));
    if (assignee !== inc.assignee) audit.push(entry('assignee', inc.assignee, assignee));
    if (audit.length === 0 && note) audit.push(entry('note', null, null));
    if (audit.length === 0) return inc;
    await updateIncidentWorkflow(trx, id, { status, assignee, updatedAt: at });
    await insertIncidentAudit(trx, audit);
    await saveTimeline(
      trx,
      audit.map((a) => ({
        id: `audit:${a.id}`,
        incidentId: id,
        time: at,
        kind: a.field === 'note' ? 'note' : `${a.field}-changed`,
        summary: `${actor}: ${a.field === 'note' ? 'note' : `${a.field} ${a.oldValue ?? '-'} → ${a.newValue ?? '-'}`}${note ? ` — ${note}` : ''}`,
        evidence: { auditIds: [a.id] },
      })),
    );
    return { ...inc, status, assignee, updatedAt: at };
  });
}
