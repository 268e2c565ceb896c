import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MamoriError } from '../../core/index.js';

/**
 * Expands files and directories (recursively, e.g. Zeek's dated folders of hourly rotated logs) into
 * a sorted file list. Hidden files are skipped; the log type is detected later from content, not names.
 *
 * @example
 * await expandPaths(['/var/log/zeek/2026-11-01']); // ['/var/log/zeek/2026-11-01/conn.00:00:00-01:00:00.log.gz', …]
 */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      if (top) throw new MamoriError('ERR_INPUT', `cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    if (st.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) await walk(join(p, n), false);
    } else if (st.isFile()) {
      out.push(p);
    }
  };
  for (const p of paths) await walk(p, true);
  return out;
}
