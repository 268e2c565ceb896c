import type { Command } from 'commander';
import { parseIncidentStatus } from '../../incidents/index.js';
import { listIncidents } from '../../store/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { syncIncidents } from '../incidents-sync.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/**
 * `mamori incidents [--status S] [--format table|json|jsonl]`: correlates what was stored since the last run, then
 * lists incidents, most recently active first.
 *
 * @example
 * mamori incidents --status new --format json
 */
export const registerIncidents = (program: Command): void => {
  program
    .command('incidents')
    .description('list incidents (one per compromised host), correlating new events first')
    .option('--status <status>', 'new|investigating|contained|closed')
    .option('--org <org>', 'only this organisation')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (opts: { status?: string; org?: string; format?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const status = opts.status === undefined ? undefined : parseIncidentStatus(opts.status);
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const store = await ctx.openStore();
      try {
        await syncIncidents(ctx, store);
        const rows = await listIncidents(store.db, { ...(status ? { status } : {}), ...(opts.org ? { org: opts.org } : {}) });
        if (format !== 'table') return writeJson(rows, format);
        process.stdout.write(
          renderTable(rows, [
            { header: 'ID', value: (r) => r.id },
            { header: 'ORG', value: (r) => r.org, max: 16 },
            { header: 'HOST', value: (r) => r.host },
            { header: 'SEVERITY', value: (r) => r.severity },
            { header: 'STATUS', value: (r) => r.status },
            { header: 'LABEL', value: (r) => r.topLabel },
            { header: 'DOCS', value: (r) => r.docCount, align: 'right' },
            { header: 'LEFT', value: (r) => (r.leaked ? 'yes' : 'no') },
            { header: 'LAST SEEN', value: (r) => r.lastSeen },
            { header: 'ASSIGNEE', value: (r) => r.assignee ?? '-' },
          ]),
        );
      } finally {
        await store.close();
      }
    });
};
