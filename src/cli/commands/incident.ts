import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { changeIncident, loadIncidentView, parseIncidentStatus, type IncidentChange, type IncidentView } from '../../incidents/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { actorName, syncIncidents } from '../incidents-sync.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

function printIncident(v: IncidentView): void {
  const w = (s: string) => process.stdout.write(s);
  w(`incident ${v.id}\n`);
  w(`  org ${v.org}  host ${v.host}  severity ${v.severity}  status ${v.status}  assignee ${v.assignee ?? '-'}\n`);
  w(`  highest label ${v.topLabel}  left the network: ${v.leaked ? 'yes' : 'no'}  ${v.firstSeen} – ${v.lastSeen}\n\n`);
  w(`destinations\n`);
  w(renderTable(v.destinations, [
    { header: 'IP', value: (d) => d.ip ?? '-' },
    { header: 'HOST', value: (d) => d.host ?? '-', max: 40 },
    { header: 'FIRST SEEN', value: (d) => d.firstSeen },
    { header: 'LAST SEEN', value: (d) => d.lastSeen },
    { header: 'BYTES OUT', value: (d) => d.bytesOut, align: 'right' },
    { header: 'UPLOADS', value: (d) => d.uploads, align: 'right' },
    { header: 'FINDINGS', value: (d) => d.findings, align: 'right' },
  ]));
  w(`\ndocuments\n`);
  w(renderTable(v.documents, [
    { header: 'PATH', value: (d) => d.path, max: 60 },
    { header: 'LABEL', value: (d) => d.label },
    { header: 'STATUS', value: (d) => d.status },
    { header: 'FIRST SEEN', value: (d) => d.firstSeen },
    { header: 'BYTES', value: (d) => d.bytes, align: 'right' },
    { header: 'TO', value: (d) => d.destinations.join(','), max: 40 },
  ]));
  w(`\ntimeline\n`);
  w(renderTable(v.timeline, [
    { header: 'TIME', value: (t) => t.time },
    { header: 'KIND', value: (t) => t.kind },
    { header: 'WHAT', value: (t) => t.summary, max: 110 },
  ]));
  if (v.links.length) {
    w(`\nrelated incidents\n`);
    w(renderTable(v.links, [{ header: 'INCIDENT', value: (l) => l.incidentId }, { header: 'VIA', value: (l) => l.via }, { header: 'VALUE', value: (l) => l.value }]));
  }
}

/**
 * `mamori incident <id> [--format table|json]` shows everything about one incident;
 * `mamori incident <id> --set-status S --note TEXT [--assignee NAME]` moves it along the workflow (audited).
 *
 * @example
 * mamori incident inc_01… --set-status investigating --note "NISC informed" --assignee sato
 */
export const registerIncident = (program: Command): void => {
  program
    .command('incident <id>')
    .description('show one incident, or change its status / assignee / notes')
    .option('--format <format>', 'table|json', 'table')
    .option('--set-status <status>', 'new|investigating|contained|closed')
    .option('--assignee <name>', 'who handles it ("" to unassign)')
    .option('--note <text>', 'a note for the audit trail (required with --set-status)')
    .option('--actor <name>', 'who makes the change (default: the login name)')
    .action(async (id: string, opts: { format?: string; setStatus?: string; assignee?: string; note?: string; actor?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const store = await ctx.openStore();
      try {
        await syncIncidents(ctx, store);
        if (opts.setStatus !== undefined || opts.assignee !== undefined || opts.note !== undefined) {
          if (opts.setStatus !== undefined && !opts.note?.trim()) throw new MamoriError('ERR_USAGE', '--set-status needs --note TEXT saying why');
          const change: IncidentChange = {
            ...(opts.setStatus !== undefined ? { status: parseIncidentStatus(opts.setStatus) } : {}),
            ...(opts.assignee !== undefined ? { assignee: opts.assignee === '' ? null : opts.assignee } : {}),
            ...(opts.note !== undefined ? { note: opts.note } : {}),
          };
          await changeIncident(store.db, id, change, actorName(opts.actor));
        }
        const view = await loadIncidentView(store.db, id);
        if (!view) throw new MamoriError('ERR_NOT_FOUND', `no incident ${id}`);
        if (format === 'json') writeJson(view);
        else printIncident(view);
      } finally {
        await store.close();
      }
    });
};
