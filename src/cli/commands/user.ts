import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { hashPassword, ROLES } from '../../server/index.js';
import { createUser, deleteSessions, getOrgByName, getUser, listUsers, recordAudit, updateUser, type RoleName, type Store } from '../../store/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';
import { readPassword } from './user-password.js';

async function withStore<T>(program: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await createContext(program.opts()).openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function mustGetUser(store: Store, username: string) {
  const user = await getUser(store.db, { username });
  if (!user) throw new MamoriError('ERR_NOT_FOUND', `no user ${username}`);
  return user;
}

/** `mamori user add|list|disable|enable|reset-password`: console accounts. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('console accounts');
  user
    .command('add')
    .description('add an account; the password comes from stdin (--password-stdin) or is generated and shown once')
    .argument('<username>')
    .requiredOption('--org <name>', 'organisation of the account')
    .requiredOption('--role <role>', ROLES.join('|'))
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { org: string; role: string; passwordStdin?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new MamoriError('ERR_USAGE', `--role must be one of ${ROLES.join('|')}, not "${opts.role}"`);
      const { password, generated } = await readPassword(opts.passwordStdin === true);
      await withStore(program, async (store) => {
        if (!(await getOrgByName(store.db, opts.org))) throw new MamoriError('ERR_NOT_FOUND', `no organisation ${opts.org} (add it with mamori org add ${opts.org})`);
        const created = await createUser(store.db, { org: opts.org, username, role: opts.role as RoleName, passwordHash: await hashPassword(password) });
        if (!created) throw new MamoriError('ERR_CONFLICT', `username ${username} is taken`);
        await recordAudit(store.db, { org: opts.org, actor: 'cli', action: 'user.create', target: username, detail: { role: opts.role } });
      });
      process.stdout.write(generated ? `added ${username}; one-time password:\n  ${password}\n` : `added ${username}\n`);
    });
  user
    .command('list')
    .description('list accounts')
    .option('--org <name>', 'only this organisation')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (opts: { org?: string; format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const users = await withStore(program, (store) => listUsers(store.db, { ...(opts.org ? { orgs: [opts.org] } : {}), limit: 100_000 }));
      if (format !== 'table') return writeJson(users, format);
      process.stdout.write(
        renderTable(users, [
          { header: 'USERNAME', value: (u) => u.username },
          { header: 'ORG', value: (u) => u.org },
          { header: 'ROLE', value: (u) => u.role },
          { header: 'STATUS', value: (u) => (u.disabled ? 'disabled' : 'active') },
          { header: 'CREATED', value: (u) => u.createdAt },
        ]),
      );
    });
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(name)
      .description(`${name} an account${disabled ? ' and end its sessions' : ''}`)
      .argument('<username>')
      .action(async (username: string) => {
        await withStore(program, async (store) => {
          const u = await mustGetUser(store, username);
          await updateUser(store.db, u.id, { disabled });
          if (disabled) await deleteSessions(store.db, { userId: u.id });
          await recordAudit(store.db, { org: u.org, actor: 'cli', action: 'user.update', target: username, detail: { disabled } });
        });
        process.stdout.write(`${name}d ${username}\n`);
      });
  }
  user
    .command('reset-password')
    .description('set a new password (from stdin, or generated and shown once) and end the account’s sessions')
    .argument('<username>')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const { password, generated } = await readPassword(opts.passwordStdin === true);
      await withStore(program, async (store) => {
        const u = await mustGetUser(store, username);
        await updateUser(store.db, u.id, { passwordHash: await hashPassword(password) });
        await deleteSessions(store.db, { userId: u.id });
        await recordAudit(store.db, { org: u.org, actor: 'cli', action: 'user.update', target: username, detail: { password: 'reset' } });
      });
      process.stdout.write(generated ? `new one-time password for ${username}:\n  ${password}\n` : `password of ${username} changed\n`);
    });
}
