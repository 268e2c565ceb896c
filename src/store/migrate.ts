import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { MamoriError } from '../core/index.js';
import type { Db } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

// Static list rather than a folder scan: works the same from src/ (tsx) and dist/ (compiled).
class StaticProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

/** Applies every pending migration; throws ERR_STORE with the failing migration's name. */
export async function migrateToLatest(db: Db, schema?: string): Promise<void> {
  // With a schema, Kysely must look for its bookkeeping tables there: its existence check otherwise
  // sees another schema's `mamori_migrations` on the same PostgreSQL database and skips creating ours.
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'mamori_migrations',
    migrationLockTableName: 'mamori_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MamoriError('ERR_STORE', `migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}
