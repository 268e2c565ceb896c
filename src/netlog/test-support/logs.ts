import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A fresh temporary directory for one test's log files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mamori-netlog-'));
}

/** Writes `text` (gzipped when the name ends in .gz) and returns the path. */
export function writeLog(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, name.endsWith('.gz') ? gzipSync(text) : text);
  return p;
}

const CONN_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];

/** A Zeek conn.log header as Zeek writes it (`#separator \x09`). */
export function connHeader(extra: string[] = []): string {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    `#fields\t${[...CONN_FIELDS, ...extra].join('\t')}`,
    `#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]${extra.map(() => '\tstring').join('')}`,
  ].join('\n');
}

/** One conn.log data line. */
export function connLine(ts: number, src: string, dst: string, port: number, out: number, inn: number, opts: { duration?: number; state?: string; extra?: string[] } = {}): string {
  return [ts.toFixed(6), 'Cabc', src, '49152', dst, String(port), 'tcp', '-', opts.duration === undefined ? '-' : opts.duration.toFixed(6), String(out), String(inn), opts.state ?? 'SF', 'T', 'F', '0', 'ShADadFf', '5', '400', '5', '600', '(empty)', ...(opts.extra ?? [])].join('\t');
}

/** A deterministic pseudo-random generator (mulberry32) so tests are repeatable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
