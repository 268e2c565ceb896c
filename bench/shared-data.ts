import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference data folder: env MAMORI_SHARED_DATA, else `../shared/data` beside the repository. */
export function sharedData(...parts: string[]): string {
  const root = process.env.MAMORI_SHARED_DATA ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
  const p = resolve(root, ...parts);
  if (!existsSync(p)) {
    process.stderr.write(`reference data not found: ${p} (set MAMORI_SHARED_DATA)\n`);
    process.exit(2);
  }
  return p;
}
