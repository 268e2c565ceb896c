import { createInspector, type Inspector } from '../inspect.js';
import { loadDocumentIndex } from '../registry/index.js';
import type { Db } from '../store/index.js';
import type { CliContext } from './context.js';

/**
 * The inspector a command uses: the configured detectors, the registered-document index from the
 * store and the configured policy. One place, so every command inspects the same way.
 *
 * @example
 * const inspector = await buildInspector(ctx);
 */
export async function buildInspector(ctx: CliContext, db?: Db): Promise<Inspector> {
  const store = db ? undefined : await ctx.openStore();
  try {
    const { index, stale, allowErrors } = await loadDocumentIndex(db ?? store!.db, ctx.config);
    if (stale.length > 0) process.stderr.write(`mamori: ${stale.length} registered documents use an older fingerprint scheme and are ignored; register them again (first: ${stale[0]})\n`);
    for (const e of allowErrors) process.stderr.write(`mamori: allow-corpus file skipped: ${e}\n`);
    return createInspector({ config: ctx.config, taxonomy: ctx.taxonomy, documents: index });
  } finally {
    await store?.close();
  }
}
