import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reference data folder (env MAMORI_SHARED_DATA, else `../shared/data` beside the repository), joined with
 * `parts`; exits with a clear message when it is missing.
 */
export function sharedData(...parts: string[]): string {
  const root = process.env.MAMORI_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
  const p = resolve(root, ...parts);
  if (!existsSync(p)) {
    process.stderr.write(`reference data not found: ${p} (set MAMORI_SHARED_DATA)\n`);
    process.exit(2);
  }
  return p;
}

/** `--name value` from argv, or the fallback. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
