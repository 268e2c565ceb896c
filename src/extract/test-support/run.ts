import type { Extraction } from '../../core/index.js';
import { extractConfigSchema } from '../config.js';
import type { ExtractConfig } from '../config.js';
import { extract } from '../index.js';
import type { ExtractOptions } from '../index.js';

/**
 * Extraction limits for tests: the defaults with some overridden.
 *
 * @example
 * testLimits({ maxDepth: 2 });
 */
export function testLimits(overrides: Partial<ExtractConfig> = {}): ExtractConfig {
  return extractConfigSchema.parse(overrides);
}

/**
 * Runs `extract` with test limits.
 *
 * @example
 * const x = await run(bytes, 'a.zip', { maxEntries: 3 });
 */
export function run(bytes: Uint8Array, name: string, overrides: Partial<ExtractConfig> = {}, extra: Partial<ExtractOptions> = {}): Promise<Extraction> {
  return extract(bytes, { name, limits: testLimits(overrides), ...extra });
}

/**
 * The text of the part at `path`, or undefined.
 *
 * @example
 * textAt(x, 'a.docx/word/document.xml');
 */
export const textAt = (x: Extraction, path: string): string | undefined => x.parts.find((p) => p.path === path)?.text;

/**
 * The error codes recorded, in order.
 *
 * @example
 * assert.deepEqual(codes(x), ['ERR_LIMIT']);
 */
export const codes = (x: Extraction): string[] => x.errors.map((e) => e.code);
