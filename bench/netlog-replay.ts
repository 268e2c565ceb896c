import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { forEachLine } from '../src/netlog/index.js';

import { sharedData } from './shared-data.js';

const SOURCES = [
  'netlogs/stratosphere/008-zeek-mixed/data/conn.log.labeled',
  'netlogs/stratosphere/010-zeek-mixed/data/conn.log.labeled',
  'netlogs/stratosphere/001-zeek-scenario-malicious/conn.log',
];

interface Row {
  ts: number;
  fields: string[];
}

/** Real conn.log rows (first 21 standard columns), times made relative to each file's start. */
export async function loadRealConn(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const rel of SOURCES) {
    const start = rows.length;
    await forEachLine(sharedData(rel), (line) => {
      if (line.startsWith('#') || line === '') return;
      const f = line.split('\t').slice(0, 21);
      rows.push({ ts: +f[0]!, fields: f });
    });
    const t0 = Math.min(...rows.slice(start).map((r) => r.ts));
    for (let i = start; i < rows.length; i++) rows[i]!.ts -= t0;
  }
  return rows;
}

// Every address of the captures maps into one of `hosts` internal /24s or stays external, by copy.
function shiftAddr(ip: string, group: number): string {
  if (ip.startsWith('147.32.') || ip.startsWith('192.168.')) return `10.${(group >> 8) & 255}.${group & 255}.${ip.split('.')[3] ?? '1'}`;
  return ip;
}

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
].join('\n');

const JSON_NAMES = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes'];
const NUMERIC = new Set([0, 3, 5, 8, 9, 10, 14, 16, 17, 18, 19]);

/**
 * Writes `records` conn records replayed from the real captures: copy k goes to internal host group k % hosts
 * and day ⌊k / hosts⌋, so each host's timeline stays in order and pairs accumulate days of history.
 */
export async function writeReplay(rows: Row[], records: number, hosts: number, dir: string, withJson = true): Promise<{ tsv: string; json: string }> {
  const tsv = join(dir, 'replay-conn.log');
  const json = join(dir, 'replay-conn.json');
  const t = createWriteStream(tsv);
  const j = createWriteStream(json);
  t.write(`${HEADER}\n`);
  const base = 1_700_000_000;
  let written = 0;
  let tBuf = '';
  let jBuf = '';
  for (let copy = 0; written < records; copy++) {
    const group = copy % hosts;
    const day = Math.floor(copy / hosts);
    for (const r of rows) {
      if (written >= records) break;
      const f = r.fields.slice();
      f[0] = (base + day * 86400 + r.ts).toFixed(6);
      f[2] = shiftAddr(f[2]!, group);
      f[4] = shiftAddr(f[4]!, group);
      tBuf += `${f.join('\t')}\n`;
      if (withJson) {
        const o: Record<string, unknown> = { _path: 'conn' };
        JSON_NAMES.forEach((n, i) => {
          const v = f[i]!;
          if (v === '-' || v === '(empty)') return;
          o[n] = NUMERIC.has(i) ? +v : v;
        });
        jBuf += `${JSON.stringify(o)}\n`;
      }
      written++;
      if (tBuf.length > 1 << 20) {
        if (!t.write(tBuf)) await new Promise<void>((res) => t.once('drain', () => res()));
        if (!j.write(jBuf)) await new Promise<void>((res) => j.once('drain', () => res()));
        tBuf = '';
        jBuf = '';
      }
    }
  }
  t.write(tBuf);
  j.write(jBuf);
  await Promise.all([new Promise<void>((res) => t.end(() => res())), new Promise<void>((res) => j.end(() => res()))]);
  return { tsv, json };
}
