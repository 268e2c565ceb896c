import { createOrg, createUser, getOrgByName, listUsers, recordAudit, type Store } from '../store/index.js';
import { hashPassword, randomSecret } from './auth/secrets.js';

/** What the first start created; `password` is set only when it was generated (to be shown once). */
export interface Bootstrapped {
  readonly createdOrg: boolean;
  readonly admin?: { readonly username: string; readonly password?: string };
}

/**
 * Makes a fresh store usable: the home organisation, and when it has no admin an account `admin`,
 * with `adminPassword` (MAMORI_ADMIN_PASSWORD) or a generated one-time password returned to print once.
 *
 * @example
 * const boot = await bootstrap(store, { homeOrg: 'default', adminPassword: process.env.MAMORI_ADMIN_PASSWORD });
 */
export async function bootstrap(store: Store, opts: { homeOrg: string; adminPassword?: string }): Promise<Bootstrapped> {
  const createdOrg = (await getOrgByName(store.db, opts.homeOrg)) ? false : (await createOrg(store.db, opts.homeOrg)) !== undefined;
  const homeUsers = await listUsers(store.db, { orgs: [opts.homeOrg], limit: 100_000 });
  if (homeUsers.some((u) => u.role === 'admin')) return { createdOrg };
  const generated = opts.adminPassword ? undefined : randomSecret(15);
  const password = opts.adminPassword ?? generated!;
  const user = await createUser(store.db, { org: opts.homeOrg, username: 'admin', role: 'admin', passwordHash: await hashPassword(password) });
  if (!user) return { createdOrg };
  await recordAudit(store.db, { org: opts.homeOrg, actor: 'mamori', action: 'user.create', target: 'admin', detail: { role: 'admin', bootstrap: true } });
  return { createdOrg, admin: { username: 'admin', ...(generated ? { password: generated } : {}) } };
}
