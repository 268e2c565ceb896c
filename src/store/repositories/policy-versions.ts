import type { Db } from '../database.js';

/** One saved version of an organisation's policy (the YAML `policy:` section). */
export interface PolicyVersion {
  readonly org: string;
  readonly version: number;
  readonly yaml: string;
  readonly comment: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * Saves `yaml` as the next version when `baseVersion` is still the latest (0 for the first);
 * returns undefined when someone saved in between.
 *
 * @example
 * const v = await savePolicyVersion(store.db, { org: 'default', baseVersion: 0, yaml, comment: 'first', createdBy: 'admin' });
 */
export async function savePolicyVersion(
  db: Db,
  input: { org: string; baseVersion: number; yaml: string; comment: string; createdBy: string },
  now = new Date(),
): Promise<PolicyVersion | undefined> {
  const v: PolicyVersion = { org: input.org, version: input.baseVersion + 1, yaml: input.yaml, comment: input.comment, createdBy: input.createdBy, createdAt: now.toISOString() };
  return db.transaction().execute(async (trx) => {
    const latest = await latestVersionNumber(trx, input.org);
    if (latest !== input.baseVersion) return undefined;
    // The (org, version) primary key turns a concurrent save of the same version into a conflict.
    const r = await trx
      .insertInto('policy_versions')
      .values({ org: v.org, version: v.version, yaml: v.yaml, comment: v.comment, created_by: v.createdBy, created_at: v.createdAt })
      .onConflict((oc) => oc.columns(['org', 'version']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? v : undefined;
  });
}

async function latestVersionNumber(db: Db, org: string): Promise<number> {
  const r = await db.selectFrom('policy_versions').select((eb) => eb.fn.max<number>('version').as('v')).where('org', '=', org).executeTakeFirst();
  return Number(r?.v ?? 0);
}

/**
 * One version, or the latest when `version` is omitted; undefined when none is saved.
 *
 * @example
 * const current = await getPolicyVersion(store.db, 'default');
 */
export async function getPolicyVersion(db: Db, org: string, version?: number): Promise<PolicyVersion | undefined> {
  const n = version ?? (await latestVersionNumber(db, org));
  const r = await db.selectFrom('policy_versions').selectAll().where('org', '=', org).where('version', '=', n).executeTakeFirst();
  return r ? { org: r.org, version: Number(r.version), yaml: r.yaml, comment: r.comment, createdBy: r.created_by, createdAt: r.created_at } : undefined;
}

/**
 * Versions of an organisation's policy, newest first, without their text.
 *
 * @example
 * const history = await listPolicyVersions(store.db, 'default');
 */
export async function listPolicyVersions(db: Db, org: string, page: { limit?: number; offset?: number } = {}): Promise<Omit<PolicyVersion, 'yaml'>[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['org', 'version', 'comment', 'created_by', 'created_at'])
    .where('org', '=', org)
    .orderBy('version', 'desc')
    .limit(page.limit ?? 100)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map((r) => ({ org: r.org, version: Number(r.version), comment: r.comment, createdBy: r.created_by, createdAt: r.created_at }));
}
