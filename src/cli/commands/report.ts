import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { buildReport, loadIncidentView, renderHtml, renderMarkdown } from '../../incidents/index.js';
import { writeFileAtomic } from '../../respond/index.js';
import { listBlocklist, listQuarantine } from '../../store/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { syncIncidents } from '../incidents-sync.js';
import { parseFormat } from '../output.js';

/**
 * `mamori report <id> --format md|html [-o FILE]`: an incident report in Japanese and English for the national
 * centre — summary, documents with labels, destinations, findings, timeline, actions taken.
 *
 * @example
 * mamori report inc_01… --format html -o report.html
 */
export const registerReport = (program: Command): void => {
  program
    .command('report <id>')
    .description('write an incident report (Japanese and English) as Markdown or HTML')
    .option('--format <format>', 'md|html', 'md')
    .option('-o, --output <file>', 'write to FILE (atomically) instead of stdout')
    .action(async (id: string, opts: { format?: string; output?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['md', 'html'] as const, 'md');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const store = await ctx.openStore();
      try {
        await syncIncidents(ctx, store);
        const view = await loadIncidentView(store.db, id);
        if (!view) throw new MamoriError('ERR_NOT_FOUND', `no incident ${id}`);
        const model = buildReport(view, { taxonomy: ctx.taxonomy, blocklist: await listBlocklist(store.db, { incidentId: id }), quarantine: await listQuarantine(store.db), generatedAt: new Date() });
        const text = format === 'md' ? renderMarkdown(model) : renderHtml(model);
        if (opts.output) writeFileAtomic(resolve(opts.output), text);
        else process.stdout.write(text);
      } finally {
        await store.close();
      }
    });
};
