import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { OutboxDispatcher } from '../../respond/index.js';
import { configuredSinks } from '../background.js';
import { listOutbox, type OutboxStatus } from '../../store/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/**
 * `mamori outbox flush|list`: delivers queued SIEM notices (syslog, webhook) once, or lists the queue.
 *
 * @example
 * mamori outbox flush && mamori outbox list --status dead
 */
export const registerOutbox = (program: Command): void => {
  program
    .command('outbox <action>')
    .description('deliver queued SIEM notices once (flush) or list them (list)')
    .option('--status <status>', 'pending|delivered|dead (list)', 'pending')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (action: string, opts: { status: string; format?: string }, cmd: Command) => {
      if (!['flush', 'list'].includes(action)) throw new MamoriError('ERR_USAGE', `outbox action must be flush or list, not "${action}"`);
      if (!['pending', 'delivered', 'dead'].includes(opts.status)) throw new MamoriError('ERR_USAGE', `--status must be pending, delivered or dead`);
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const store = await ctx.openStore();
      try {
        if (action === 'list') {
          const rows = await listOutbox(store.db, { status: opts.status as OutboxStatus });
          if (format !== 'table') return writeJson(rows, format);
          process.stdout.write(renderTable(rows, [
            { header: 'ID', value: (r) => r.id },
            { header: 'SINK', value: (r) => r.sink },
            { header: 'ATTEMPTS', value: (r) => r.attempts, align: 'right' },
            { header: 'NEXT', value: (r) => r.nextAttemptAt },
            { header: 'ERROR', value: (r) => r.lastError ?? '-', max: 60 },
          ]));
          return;
        }
        const d = new OutboxDispatcher({ db: store.db, sinks: configuredSinks(ctx), ...ctx.config.respond.outbox });
        const report = await d.runOnce();
        if (format !== 'table') return writeJson({ ...report, backlog: await d.backlog() });
        process.stdout.write(`delivered ${report.delivered}, waiting ${report.failed}, given up ${report.dead}\n`);
      } finally {
        await store.close();
      }
    });
};
