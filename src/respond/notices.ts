import type { IncidentView } from '../incidents/index.js';
import { enqueueOutbox, type Db } from '../store/index.js';
import { CEF_SEVERITY, formatCef } from './cef.js';
import type { RespondConfig } from './config.js';
import { formatSyslog } from './syslog.js';

export type NoticeKind = 'opened' | 'escalated' | 'updated';

const VERSION = '0.1.0';

/**
 * The CEF record of an incident notice, for syslog.
 *
 * @example
 * incidentCef(view, 'opened'); // 'CEF:0|mamori|mamori|0.1.0|incident-opened|…'
 */
export function incidentCef(v: IncidentView, kind: NoticeKind): string {
  const count = (s: string) => v.documents.filter((d) => d.status === s).length;
  const dest = v.destinations[0];
  return formatCef({
    vendor: 'mamori',
    product: 'mamori',
    version: VERSION,
    signatureId: `incident-${kind}`,
    name: `Incident ${kind}: data leaving ${v.host}`,
    severity: CEF_SEVERITY[v.severity] ?? 5,
    extension: {
      rt: Date.parse(v.lastSeen) || undefined,
      start: Date.parse(v.firstSeen) || undefined,
      end: Date.parse(v.lastSeen) || undefined,
      src: v.host,
      dst: dest?.ip ?? undefined,
      dhost: dest?.host ?? undefined,
      out: dest?.bytesOut,
      cnt: v.documents.length,
      act: v.leaked ? 'leaked' : 'blocked',
      cs1Label: 'incidentId',
      cs1: v.id,
      cs2Label: 'org',
      cs2: v.org,
      cs3Label: 'topLabel',
      cs3: v.topLabel,
      cs4Label: 'status',
      cs4: v.status,
      cs5Label: 'destinations',
      cs5: v.destinations.map((d) => d.host ?? d.ip).join(','),
      msg: `${v.documents.length} document(s): ${count('confirmed')} confirmed sent, ${count('blocked')} blocked, ${count('suspected')} suspected; ${v.findings.length} network finding(s); severity ${v.severity}`,
    },
  });
}

/**
 * The JSON webhook body of an incident notice (document metadata only, never contents).
 *
 * @example
 * JSON.parse(incidentJson(view, 'escalated', new Date())).type; // 'mamori.incident.escalated'
 */
export function incidentJson(v: IncidentView, kind: NoticeKind, now: Date): string {
  return JSON.stringify({
    type: `mamori.incident.${kind}`,
    time: now.toISOString(),
    incident: {
      id: v.id,
      org: v.org,
      host: v.host,
      status: v.status,
      severity: v.severity,
      topLabel: v.topLabel,
      leaked: v.leaked,
      firstSeen: v.firstSeen,
      lastSeen: v.lastSeen,
      destinations: v.destinations.map((d) => ({ ip: d.ip, host: d.host, firstSeen: d.firstSeen, lastSeen: d.lastSeen, bytesOut: d.bytesOut })),
      documents: v.documents.map((d) => ({ docId: d.docId, path: d.path, label: d.label, status: d.status, firstSeen: d.firstSeen, lastSeen: d.lastSeen, bytes: d.bytes })),
      findings: v.findings.map((f) => ({ kind: f.kind, dst: f.dst, dstHost: f.dstHost, severity: f.severity, firstSeen: f.firstSeen, lastSeen: f.lastSeen })),
    },
  });
}

/**
 * Queues notices of incident changes for each configured sink (syslog as RFC 5424 + CEF, webhook as JSON).
 * Returns how many messages were queued.
 *
 * @example
 * await enqueueIncidentNotices(store.db, [view], 'opened', config.respond);
 */
export async function enqueueIncidentNotices(db: Db, views: readonly IncidentView[], kind: NoticeKind, config: RespondConfig, now = new Date()): Promise<number> {
  let n = 0;
  if (config.syslog) {
    const s = config.syslog;
    const msgs = views.map((v) => formatSyslog({ facility: s.facility, severity: v.severity, time: now, appName: s.appName, msgId: `incident-${kind}`, message: incidentCef(v, kind) }));
    n += (await enqueueOutbox(db, 'syslog', msgs, now)).length;
  }
  if (config.webhook) n += (await enqueueOutbox(db, 'webhook', views.map((v) => incidentJson(v, kind, now)), now)).length;
  return n;
}
