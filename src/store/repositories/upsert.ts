import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../database.js';

/** Tables that repositories upsert in bulk. */
export type UpsertTable = keyof Database;

/**
 * `ON CONFLICT ... DO UPDATE SET col = excluded.col` for every listed column; works on SQLite and PostgreSQL.
 *
 * @example
 * db.insertInto('blocklist').values(rows).onConflict((oc) => oc.column('value').doUpdateSet(fromExcluded<'blocklist'>(['reason'])));
 */
export function fromExcluded<T extends UpsertTable>(columns: readonly (keyof Database[T] & string)[]) {
  return (eb: ExpressionBuilder<Database, T>) => {
    const set: Record<string, unknown> = {};
    // The typed ref API cannot express `excluded.<dynamic column>`; the column names come from the table type.
    for (const c of columns) set[c] = eb.ref(`excluded.${c}` as never);
    return set as never;
  };
}

/** Splits rows so that no statement binds more parameters than PostgreSQL allows. */
export function chunks<T>(rows: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
