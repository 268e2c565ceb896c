import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { recordAction } from '../../incidents/index.js';
import { QuarantineList } from '../../respond/index.js';
import { listIncidents } from '../../store/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { actorName } from '../incidents-sync.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/**
 * `mamori quarantine add|remove|list [ip]`: hosts whose uploads policy blocks whatever they contain. The ICAP
 * server re-reads the list every `respond.quarantineRefreshMs`.
 *
 * @example
 * mamori quarantine add 10.0.0.5 --reason "beaconing to 203.0.113.9"
 */
export const registerQuarantine = (program: Command): void => {
  program
    .command('quarantine <action> [ip]')
    .description('quarantine a host (add), release it (remove), or list quarantined hosts')
    .option('--reason <text>', 'why (add)', 'quarantined by an incident responder')
    .option('--incident <id>', 'the incident this belongs to (add); default: the open incident of that host')
    .option('--actor <name>', 'who does it (audit trail)')
    .option('--format <format>', 'table|json|jsonl (list)', 'table')
    .action(async (action: string, ip: string | undefined, opts: { reason: string; incident?: string; actor?: string; format?: string }, cmd: Command) => {
      if (!['add', 'remove', 'list'].includes(action)) throw new MamoriError('ERR_USAGE', `quarantine action must be add, remove or list, not "${action}"`);
      if (action !== 'list' && !ip) throw new MamoriError('ERR_USAGE', `quarantine ${action} needs an IP address`);
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const actor = actorName(opts.actor);
      const store = await ctx.openStore();
      try {
        const q = await QuarantineList.open(store.db);
        if (action === 'list') {
          const rows = await q.list();
          if (format !== 'table') return writeJson(rows, format);
          process.stdout.write(renderTable(rows, [
            { header: 'IP', value: (r) => r.ip },
            { header: 'ORG', value: (r) => r.org },
            { header: 'SINCE', value: (r) => r.addedAt },
            { header: 'BY', value: (r) => r.addedBy },
            { header: 'INCIDENT', value: (r) => r.incidentId ?? '-' },
            { header: 'REASON', value: (r) => r.reason, max: 60 },
          ]));
          return;
        }
        if (action === 'add') {
          const open = opts.incident ? [] : (await listIncidents(store.db, { host: ip! })).filter((i) => i.status !== 'closed');
          const incidentId = opts.incident ?? open[0]?.id ?? null;
          const entry = await q.add(ip!, { org: ctx.config.org, reason: opts.reason, actor, incidentId });
          if (incidentId) await recordAction(store.db, incidentId, 'quarantine', `host ${entry.ip} quarantined: ${opts.reason}`, actor);
          process.stdout.write(`quarantined ${entry.ip}${incidentId ? ` (incident ${incidentId})` : ''}\n`);
          return;
        }
        const removed = await q.remove(ip!);
        if (!removed) throw new MamoriError('ERR_NOT_FOUND', `${ip} is not quarantined`);
        for (const inc of (await listIncidents(store.db, { host: ip! })).filter((i) => i.status !== 'closed')) {
          await recordAction(store.db, inc.id, 'release', `host ${ip} released from quarantine`, actor);
        }
        process.stdout.write(`released ${ip}\n`);
      } finally {
        await store.close();
      }
    });
};
