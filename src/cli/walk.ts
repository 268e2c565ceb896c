import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** A regular file found by `walkFiles`. */
export interface WalkedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Why a path was skipped while walking. */
export interface WalkSkip {
  readonly path: string;
  readonly reason: string;
}

/**
 * Walks files and directories depth-first in name order. Symlinks are followed only when their target
 * stays inside the root they were found under: a share must not lead the scanner out of the tree.
 * Unreadable entries are reported through `onSkip`, never thrown.
 *
 * @example
 * for await (const f of walkFiles(['examples/'], (s) => console.error(s.reason))) console.log(f.path, f.size);
 */
export async function* walkFiles(roots: readonly string[], onSkip: (skip: WalkSkip) => void = () => undefined): AsyncGenerator<WalkedFile> {
  for (const r of roots) {
    const root = resolve(r);
    let rootReal: string;
    try {
      rootReal = await realpath(root);
    } catch (e) {
      onSkip({ path: root, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      continue;
    }
    yield* walk(root, rootReal, onSkip, new Set());
  }
}

function inside(rootReal: string, target: string): boolean {
  const rel = relative(rootReal, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

async function* walk(path: string, rootReal: string, onSkip: (s: WalkSkip) => void, seen: Set<string>): AsyncGenerator<WalkedFile> {
  let st;
  try {
    st = await lstat(path);
    if (st.isSymbolicLink()) {
      const target = await realpath(path);
      if (!inside(rootReal, target)) {
        onSkip({ path, reason: 'symlink leads out of the scanned tree' });
        return;
      }
      st = await stat(path);
    }
  } catch (e) {
    onSkip({ path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    return;
  }
  if (st.isFile()) {
    yield { path, size: st.size, mtimeMs: Math.floor(st.mtimeMs) };
    return;
  }
  if (!st.isDirectory()) return;
  // Directory loops through symlinks inside the tree: visit each real directory once.
  const real = await realpath(path).catch(() => path);
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = (await readdir(path)).sort();
  } catch (e) {
    onSkip({ path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    return;
  }
  for (const name of names) yield* walk(join(path, name), rootReal, onSkip, seen);
}
