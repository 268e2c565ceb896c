import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { orgName } from '../../server/index.js';
import { createOrg, listOrgs, recordAudit } from '../../store/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

/** `mamori org add|list`: organisations (tenants) of the console. */
export function registerOrg(program: Command): void {
  const org = program.command('org').description('organisations (tenants) of the console');
  org
    .command('add')
    .description('add an organisation')
    .argument('<name>', 'lowercase name, e.g. mof')
    .option('--format <format>', 'table|json', 'table')
    .action(async (name: string, opts: { format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const parsed = orgName.safeParse(name);
      if (!parsed.success) throw new MamoriError('ERR_USAGE', `organisation name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const created = await createOrg(store.db, name);
        if (!created) throw new MamoriError('ERR_CONFLICT', `organisation ${name} exists`);
        await recordAudit(store.db, { org: name, actor: 'cli', action: 'org.create', target: name });
        if (format === 'json') writeJson(created);
        else process.stdout.write(`added organisation ${name}\n`);
      } finally {
        await store.close();
      }
    });
  org
    .command('list')
    .description('list organisations')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (opts: { format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const orgs = await listOrgs(store.db);
        if (format === 'table') process.stdout.write(renderTable(orgs, [{ header: 'NAME', value: (o) => o.name }, { header: 'CREATED', value: (o) => o.createdAt }]));
        else writeJson(orgs, format);
      } finally {
        await store.close();
      }
    });
}
