import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { unregisterDocument, type RegisteredDocument } from '../../store/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/** `mamori unregister <docId|path>`: remove a registered document and its fingerprints. */
export function registerUnregister(program: Command): void {
  program
    .command('unregister')
    .description('remove registered documents (by id, or by path as registered) and their fingerprints')
    .argument('<ids-or-paths...>', 'document ids (doc_…) or paths')
    .option('--format <format>', 'table|json', 'table')
    .action(async (targets: string[], opts: { format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      const removed: RegisteredDocument[] = [];
      const unknown: string[] = [];
      try {
        for (const t of targets) {
          // Paths are registered absolute; accept them as typed or relative to here.
          let got = await unregisterDocument(store.db, ctx.config.org, t);
          if (got.length === 0 && !t.startsWith('doc_')) got = await unregisterDocument(store.db, ctx.config.org, resolve(t));
          if (got.length === 0) unknown.push(t);
          removed.push(...got);
        }
      } finally {
        await store.close();
      }
      if (format === 'json') writeJson({ removed: removed.map(({ id, path, label }) => ({ id, path, label })), unknown });
      else if (removed.length > 0) process.stdout.write(renderTable(removed, [{ header: 'REMOVED', value: (d) => d.id }, { header: 'LABEL', value: (d) => d.label }, { header: 'PATH', value: (d) => d.path }]));
      if (unknown.length > 0) throw new MamoriError('ERR_NOT_FOUND', `not registered: ${unknown.join(', ')}`);
    });
}
