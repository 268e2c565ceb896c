import { relative } from 'node:path';
import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { registerFile, type RegisterOutcome } from '../../registry/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';
import { startProgress } from '../progress.js';
import { walkFiles, type WalkedFile, type WalkSkip } from '../walk.js';

/** `mamori register <path...> --label <id>`: fingerprint sensitive documents into the registry. */
export function registerRegister(program: Command): void {
  program
    .command('register')
    .description('register sensitive documents: extract, normalise and fingerprint every file under the paths')
    .argument('<paths...>', 'files or directories')
    .requiredOption('--label <id>', 'label the documents carry (e.g. c2); content matching them is raised to it')
    .option('--owner <text>', 'owner to record (department, person)')
    .option('--format <format>', 'table|json', 'table')
    .action(async (paths: string[], opts: { label: string; owner?: string; format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(program.opts());
      if (!ctx.taxonomy.has(opts.label)) {
        throw new MamoriError('ERR_USAGE', `--label must be one of ${ctx.taxonomy.labels.map((l) => l.id).join('|')}, not "${opts.label}"`);
      }
      const skips: WalkSkip[] = [];
      const files: WalkedFile[] = [];
      for await (const f of walkFiles(paths, (s) => skips.push(s))) files.push(f);
      const store = await ctx.openStore();
      const outcomes: RegisterOutcome[] = [];
      try {
        const progress = startProgress(files.length, 'register');
        const options = { org: ctx.config.org, label: opts.label, owner: opts.owner ?? null, limits: ctx.config.extract };
        for (const f of files) {
          outcomes.push(await registerFile(store.db, f.path, options, f.mtimeMs));
          progress.tick(f.path);
        }
        progress.stop();
      } finally {
        await store.close();
      }
      const count = (s: RegisterOutcome['status']): number => outcomes.filter((o) => o.status === s).length;
      const summary = { registered: count('registered'), replaced: count('replaced'), unchanged: count('unchanged'), skipped: count('skipped'), walkSkipped: skips };
      if (format === 'json') {
        writeJson({ documents: outcomes, summary });
        return;
      }
      let out = renderTable(outcomes, [
        { header: 'STATUS', value: (o) => o.status },
        { header: 'ID', value: (o) => o.docId ?? '-' },
        { header: 'LABEL', value: (o) => o.label },
        { header: 'CHARS', value: (o) => o.chars, align: 'right' },
        { header: 'FPS', value: (o) => o.fingerprints, align: 'right' },
        { header: 'PATH', value: (o) => shortPath(o.path), max: 70 },
        { header: 'NOTE', value: (o) => o.message ?? '', max: 60 },
      ]);
      for (const k of skips) out += `skipped  ${k.path}: ${k.reason}\n`;
      out += `\n${summary.registered} registered, ${summary.replaced} replaced, ${summary.unchanged} unchanged, ${summary.skipped} skipped\n`;
      process.stdout.write(out);
    });
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
