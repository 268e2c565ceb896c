import { createInspector, type Inspector } from '../inspect.js';
import type { CliContext } from './context.js';

/**
 * The inspector a command uses: the configured detectors, the registered-document index from the
 * store and the configured policy. One place, so every command inspects the same way.
 *
 * @example
 * const inspector = await buildInspector(ctx);
 */
export async function buildInspector(ctx: CliContext): Promise<Inspector> {
  return createInspector({ config: ctx.config, taxonomy: ctx.taxonomy });
}
