import type { LabelTaxonomy } from '../../core/index.js';
import type { BlocklistEntry, QuarantineEntry } from '../../store/index.js';
import type { IncidentView } from '../view.js';

/** A report section: bilingual heading, paragraphs, and an optional table. */
export interface ReportSection {
  readonly heading: string;
  readonly paragraphs: string[];
  readonly table?: { headers: string[]; rows: string[][] };
}

export interface ReportModel {
  readonly title: string;
  readonly sections: ReportSection[];
}

/** What a report covers besides the incident itself: the response recorded in the store. */
export interface ReportContext {
  readonly taxonomy: LabelTaxonomy;
  readonly blocklist: readonly BlocklistEntry[];
  readonly quarantine: readonly QuarantineEntry[];
  readonly generatedAt: Date;
}

const STATUS_JA: Record<string, string> = { confirmed: '流出確認', blocked: '遮断', suspected: '流出の疑い' };
const INCIDENT_STATUS_JA: Record<string, string> = { new: '新規', investigating: '調査中', contained: '封じ込め済み', closed: '終結' };
const SEVERITY_JA: Record<string, string> = { low: '低', medium: '中', high: '高', critical: '重大' };

const both = (ja: string, en: string) => `${ja} / ${en}`;

function label(ctx: ReportContext, id: string): string {
  const def = ctx.taxonomy.get(id);
  return def ? `${def.name} (${id})` : id;
}

/**
 * The content of an incident report for the national centre, in Japanese and English: summary, documents with
 * labels and statuses, destinations, network findings, timeline with evidence, actions taken, related incidents.
 *
 * @example
 * const md = renderMarkdown(buildReport(view, { taxonomy, blocklist, quarantine, generatedAt: new Date() }));
 */
export function buildReport(v: IncidentView, ctx: ReportContext): ReportModel {
  const count = (s: string) => v.documents.filter((d) => d.status === s).length;
  const bytesOut = v.destinations.reduce((n, d) => n + d.bytesOut, 0);
  const summary: ReportSection = {
    heading: both('概要', 'Summary'),
    paragraphs: [
      `組織 ${v.org} の端末 ${v.host} から、${v.firstSeen} から ${v.lastSeen} までの間に、機密情報を含む文書 ${v.documents.length} 件が外部送信の対象となりました（流出確認 ${count('confirmed')} 件、遮断 ${count('blocked')} 件、流出の疑い ${count('suspected')} 件）。最高の格付は ${label(ctx, v.topLabel)}、送信先は ${v.destinations.length} か所、外部への送信量は ${bytesOut} バイトです。重大度は「${SEVERITY_JA[v.severity] ?? v.severity}」、対応状況は「${INCIDENT_STATUS_JA[v.status] ?? v.status}」です。`,
      `Host ${v.host} of ${v.org} was the source of ${v.documents.length} sensitive document(s) sent or attempted between ${v.firstSeen} and ${v.lastSeen} (${count('confirmed')} confirmed sent, ${count('blocked')} blocked, ${count('suspected')} suspected). Highest label: ${label(ctx, v.topLabel)}; ${v.destinations.length} destination(s); ${bytesOut} bytes out; ${v.findings.length} network finding(s). Severity: ${v.severity}. Status: ${v.status}${v.assignee ? ` (assignee ${v.assignee})` : ''}. ${v.leaked ? 'Data did leave the network. / 外部への流出が確認されています。' : 'Nothing is known to have left. / 外部への流出は確認されていません。'}`,
    ],
    table: {
      headers: [both('項目', 'Item'), both('値', 'Value')],
      rows: [
        [both('インシデント ID', 'Incident id'), v.id],
        [both('組織', 'Organisation'), v.org],
        [both('端末', 'Host'), v.host],
        [both('重大度', 'Severity'), `${SEVERITY_JA[v.severity] ?? v.severity} / ${v.severity}`],
        [both('状況', 'Status'), `${INCIDENT_STATUS_JA[v.status] ?? v.status} / ${v.status}`],
        [both('担当', 'Assignee'), v.assignee ?? '-'],
        [both('期間', 'Period'), `${v.firstSeen} – ${v.lastSeen}`],
      ],
    },
  };
  const documents: ReportSection = {
    heading: both('対象文書', 'Documents'),
    paragraphs: v.documents.length ? [] : ['該当なし / None'],
    table: {
      headers: [both('文書', 'Document'), both('格付', 'Label'), both('状態', 'Status'), both('初回', 'First seen'), both('最終', 'Last seen'), both('バイト', 'Bytes'), both('送信先', 'Destinations')],
      rows: v.documents.map((d) => [d.path, label(ctx, d.label), `${STATUS_JA[d.status] ?? d.status} / ${d.status}`, d.firstSeen, d.lastSeen, String(d.bytes), d.destinations.join(', ')]),
    },
  };
  const destinations: ReportSection = {
    heading: both('送信先', 'Destinations'),
    paragraphs: v.destinations.length ? [] : ['該当なし / None'],
    table: {
      headers: ['IP', both('ホスト名', 'Host name'), both('初回', 'First seen'), both('最終', 'Last seen'), both('送信量', 'Bytes out'), both('遮断量', 'Bytes blocked'), both('アップロード', 'Uploads'), both('検知', 'Findings')],
      rows: v.destinations.map((d) => [d.ip ?? '-', d.host ?? '-', d.firstSeen, d.lastSeen, String(d.bytesOut), String(d.bytesBlocked), String(d.uploads), String(d.findings)]),
    },
  };
  const findings: ReportSection = {
    heading: both('ネットワーク上の検知', 'Network findings'),
    paragraphs: v.findings.length ? [] : ['該当なし / None'],
    table: {
      headers: [both('種別', 'Kind'), both('送信元', 'Source'), both('宛先', 'Destination'), both('重大度', 'Severity'), both('期間', 'Period'), both('接続数', 'Connections'), both('送信量', 'Bytes out'), both('根拠', 'Reasons')],
      rows: v.findings.map((f) => [f.kind, f.src, `${f.dstHost ?? f.dst}${f.port === null ? '' : `:${f.port}`}`, f.severity, `${f.firstSeen} – ${f.lastSeen}`, String(f.connections), String(f.bytesOut), f.reasons.join('; ')]),
    },
  };
  const timeline: ReportSection = {
    heading: both('経緯', 'Timeline'),
    paragraphs: [],
    table: {
      headers: [both('時刻', 'Time'), both('種別', 'Kind'), both('内容', 'What happened'), both('証跡', 'Evidence')],
      rows: v.timeline.map((t) => [t.time, t.kind, t.summary, [...(t.evidence.eventIds ?? []).map((id) => `event ${id}`), ...(t.evidence.findingKeys ?? []).map((k) => `finding ${k}`)].join(', ') || '-']),
    },
  };
  const blocked = ctx.blocklist.filter((b) => b.incidentId === v.id);
  const quarantined = ctx.quarantine.filter((q) => q.ip === v.host);
  const actions: ReportSection = {
    heading: both('実施した対応', 'Actions taken'),
    paragraphs: [
      blocked.length
        ? `遮断リストに登録した送信先 / Destinations put on the block list: ${blocked.map((b) => b.value).join(', ')}`
        : '遮断リストへの登録なし / No destination put on the block list yet',
      quarantined.length
        ? `端末 ${v.host} を隔離済み（${quarantined[0]!.addedAt}、${quarantined[0]!.addedBy}） / Host quarantined at ${quarantined[0]!.addedAt} by ${quarantined[0]!.addedBy}: ${quarantined[0]!.reason}`
        : `端末 ${v.host} は隔離されていません / Host ${v.host} is not quarantined`,
    ],
    table: {
      headers: [both('時刻', 'Time'), both('実施者', 'By'), both('内容', 'Change'), both('備考', 'Note')],
      rows: v.audit.map((a) => [a.time, a.actor, a.field === 'note' ? 'note' : `${a.field}: ${a.oldValue ?? '-'} → ${a.newValue ?? '-'}`, a.note ?? '']),
    },
  };
  const sections = [summary, documents, destinations, findings, timeline, actions];
  if (v.links.length) {
    sections.push({
      heading: both('関連インシデント', 'Related incidents'),
      paragraphs: [],
      table: { headers: [both('インシデント', 'Incident'), both('共通点', 'Shared'), both('値', 'Value')], rows: v.links.map((l) => [l.incidentId, l.via, l.value]) },
    });
  }
  return {
    title: `${both('情報漏えいインシデント報告書', 'Data leak incident report')} — ${v.id} (${ctx.generatedAt.toISOString()})`,
    sections,
  };
}
