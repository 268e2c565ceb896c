import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Files under a directory (recursively), in name order, up to `limit`. */
export function listFiles(dir: string, accept: (path: string) => boolean, limit = Infinity): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (out.length >= limit) return;
      const p = join(d, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && accept(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** English prose and prose-like text on any Debian system: package copyright files, changelogs, NEWS. */
export function englishSystemText(maxBytes: number): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  let total = 0;
  for (const p of listFiles('/usr/share/doc', (f) => /(copyright|changelog(\.Debian)?\.gz|NEWS(\.Debian)?\.gz|README(\.Debian)?(\.gz)?)$/.test(f))) {
    if (total >= maxBytes) break;
    let bytes: Buffer = readFileSync(p);
    if (p.endsWith('.gz')) {
      try {
        bytes = gunzipSync(bytes);
      } catch {
        continue;
      }
    }
    total += bytes.byteLength;
    out.push({ name: p, text: bytes.toString('utf8') });
  }
  return out;
}

/** The translated strings of a gettext .mo catalogue (little-endian, as Debian ships them). */
export function moStrings(bytes: Buffer): string {
  if (bytes.length < 28 || bytes.readUInt32LE(0) !== 0x950412de) return '';
  const n = bytes.readUInt32LE(8);
  const table = bytes.readUInt32LE(16);
  const parts: string[] = [];
  for (let i = 1; i < n; i++) {
    const len = bytes.readUInt32LE(table + 8 * i);
    const off = bytes.readUInt32LE(table + 8 * i + 4);
    if (off + len <= bytes.length) parts.push(bytes.toString('utf8', off, off + len));
  }
  return parts.join('\n');
}

/** Japanese text on this system: gettext catalogues, Squid's and GnuPG's Japanese pages. */
export function japaneseSystemText(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const p of listFiles('/usr/share/locale/ja/LC_MESSAGES', (f) => f.endsWith('.mo'))) {
    const text = moStrings(readFileSync(p));
    if (text.length > 0) out.push({ name: p, text });
  }
  for (const p of listFiles('/usr/share/squid-langpack/ja', () => true)) out.push({ name: p, text: readFileSync(p, 'utf8') });
  for (const p of ['/usr/share/gnupg/help.ja.txt']) {
    try {
      out.push({ name: p, text: readFileSync(p, 'utf8') });
    } catch {}
  }
  return out;
}
