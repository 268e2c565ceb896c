import type { Command } from 'commander';
import { listDocuments } from '../../store/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/** `mamori docs`: the registered documents. */
export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description('list registered documents: id, path, label, size, fingerprints, registration time')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .option('--path <prefix>', 'only documents under this path prefix')
    .action(async (opts: { format?: string; path?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const docs = await listDocuments(store.db, { org: ctx.config.org, ...(opts.path !== undefined ? { pathPrefix: opts.path } : {}) });
        const rows = docs.map((d) => ({ id: d.id, path: d.path, label: d.label, owner: d.owner, size: d.size, chars: d.chars, fingerprints: d.fingerprintCount, registeredAt: d.registeredAt }));
        if (format !== 'table') writeJson(rows, format);
        else
          process.stdout.write(
            renderTable(rows, [
              { header: 'ID', value: (r) => r.id },
              { header: 'LABEL', value: (r) => r.label },
              { header: 'SIZE', value: (r) => r.size, align: 'right' },
              { header: 'FPS', value: (r) => r.fingerprints, align: 'right' },
              { header: 'REGISTERED', value: (r) => r.registeredAt },
              { header: 'OWNER', value: (r) => r.owner ?? '', max: 20 },
              { header: 'PATH', value: (r) => r.path, max: 80 },
            ]) + `\n${rows.length} documents\n`,
          );
      } finally {
        await store.close();
      }
    });
}
