import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared reference data folder (env MAMORI_SHARED_DATA, default `../shared/data` beside the repository);
 * exits with a clear message when the named subfolder is missing.
 */
export function sharedData(sub: string): string {
  const root = process.env.MAMORI_SHARED_DATA ?? resolve(import.meta.dirname, '../../shared/data');
  const dir = join(root, sub);
  if (!existsSync(dir)) {
    process.stderr.write(`reference data not found: ${dir} (set MAMORI_SHARED_DATA)\n`);
    process.exit(2);
  }
  return dir;
}

/** `--name value` from argv, or the fallback. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
