// Throughput of `detect` with every default identifier on, beside merely decoding the same bytes.
// Usage: npx tsx bench/detect-speed.ts [--mb N] (default 64; docs/detect.md quotes --mb 256 and --mb 1024)
// The corpus: /usr/share/doc (gunzipped), the Aozora Shift_JIS texts decoded to UTF-8, and synthetic
// lines carrying identifiers; it is streamed in 1 MiB chunks cut at line ends, so memory stays flat.
// Last, one 1 MB upload body as bench/icap-throughput.ts sends it: decode and detect time for one inspection.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createDetectorSet, detectConfigSchema } from '../src/detect/index.js';
import { harmlessText, repeatText } from '../src/icap/test-support/samples.js';
import { sharedData } from './shared-data.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetMb = arg('--mb', 64);
const SOURCE_LIMIT = 48 * 1024 * 1024;

function docs(dir: string, out: Buffer[], budget: { left: number }): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (budget.left <= 0) return;
    const p = join(dir, name);
    try {
      const st = statSync(p);
      if (st.isDirectory()) docs(p, out, budget);
      else if (st.isFile() && st.size < 8 * 1024 * 1024) {
        let b = readFileSync(p);
        if (name.endsWith('.gz')) b = gunzipSync(b);
        if (b.includes(0)) continue; // binary
        out.push(b);
        budget.left -= b.length;
      }
    } catch {}
  }
}

function piiLines(n: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 8;
    const d = String(100000 + ((i * 7919) % 900000));
    if (k === 0) lines.push(`顧客番号 ${d} 氏名 山田太郎 個人番号：１２３４ ５６７８ ９０１８ 電話 03-1234-${d.slice(0, 4)}`);
    else if (k === 1) lines.push(`Customer ${d} paid with card 4111 1111 1111 1111, mail user${d}@example.com, phone +1 415-555-${d.slice(0, 4)}`);
    else if (k === 2) lines.push(`【取扱注意】 機密性２情報 担当 ${d} 〒100-${d.slice(0, 4)} 東京都千代田区`);
    else if (k === 3) lines.push(`db_password = "Xk${d}Qz9vLp2W" host=10.${i % 250}.3.${i % 200}`);
    else if (k === 4) lines.push(`IBAN GB82 WEST 1234 5698 7654 32 reference ${d} SSN 123-45-${d.slice(0, 4)}`);
    else lines.push(`Order ${d} shipped on 2024-03-${String((i % 28) + 1).padStart(2, '0')} to customer ${d}; total ${i % 1000}.00 JPY`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

// Source corpus (bounded); the stream cycles over it until targetMb is reached.
const parts: Buffer[] = [];
docs('/usr/share/doc', parts, { left: SOURCE_LIMIT - 8 * 1024 * 1024 });
const docParts = parts.length;
const sjis = new TextDecoder('shift_jis');
const aozora = sharedData('text', 'aozora-sjis');
for (const name of readdirSync(aozora).sort()) parts.push(Buffer.from(sjis.decode(readFileSync(join(aozora, name)))));
parts.push(piiLines(40_000));
const kinds: [string, Buffer][] = [
  ['English docs (/usr/share/doc)', Buffer.concat(parts.slice(0, docParts))],
  ['Japanese (Aozora, 60 works)', Buffer.concat(parts.slice(docParts, -1))],
  ['identifier-dense lines', parts[parts.length - 1]!],
];
// Interleave so every chunk mixes English, Japanese and identifier lines.
const source = Buffer.concat(parts.sort((a, b) => (a.length % 7) - (b.length % 7)));
const fileCount = parts.length;

const CHUNK = 1024 * 1024;
function* chunks(totalBytes: number): Generator<Buffer> {
  let emitted = 0;
  let pos = 0;
  while (emitted < totalBytes) {
    let end = Math.min(source.length, pos + CHUNK);
    const nl = source.lastIndexOf(10, end - 1);
    if (end < source.length && nl > pos) end = nl + 1;
    const c = source.subarray(pos, end);
    emitted += c.length;
    yield c;
    pos = end >= source.length ? 0 : end;
  }
}

const set = createDetectorSet(detectConfigSchema.parse({}));
const total = targetMb * 1024 * 1024;
const decoder = new TextDecoder();
const rssStart = process.memoryUsage().rss;

/** CPU time in seconds: the machine may be shared, and CPU time is what "per core" means. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function run(): { decode: number; detect: number; bytes: number; entities: number; peakRss: number } {
  let bytes = 0;
  let entities = 0;
  let peakRss = 0;
  let decode = 0;
  let detect = 0;
  let n = 0;
  for (const c of chunks(total)) {
    const t0 = cpu();
    const text = decoder.decode(c);
    const t1 = cpu();
    entities += set.detect(text).length;
    const t2 = cpu();
    decode += t1 - t0;
    detect += t2 - t1;
    bytes += c.length;
    if (++n % 16 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { decode, detect, bytes, entities, peakRss };
}

// Warm-up: a long-running process (the ICAP server, `mamori scan`) runs optimised code; so does this.
for (let i = 0; i < 24; i++) set.detect(decoder.decode(source.subarray(i * CHUNK, (i + 1) * CHUNK)));
const r = run();
const mb = r.bytes / 1e6;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
console.log(`corpus: ${(source.length / 1e6).toFixed(1)} MB of real text (${fileCount} files) streamed to ${mb.toFixed(0)} MB in 1 MiB chunks, 1 thread, CPU time`);
console.log(`decode only (TextDecoder, UTF-8):  ${(mb / r.decode).toFixed(0)} MB/s`);
console.log(`detect (all default identifiers):  ${(mb / r.detect).toFixed(0)} MB/s per core  (${r.entities} entities)`);
console.log(`decode + detect:                   ${(mb / (r.decode + r.detect)).toFixed(0)} MB/s  (detect = ${(r.detect / r.decode).toFixed(2)}× decode time)`);
for (const [kind, bytes] of kinds) {
  let dec = 0;
  let det = 0;
  for (let off = 0; off < bytes.length; off += CHUNK) {
    let end = Math.min(bytes.length, off + CHUNK);
    const nl = bytes.lastIndexOf(10, end - 1);
    if (end < bytes.length && nl > off) end = nl + 1;
    const t0 = cpu();
    const text = decoder.decode(bytes.subarray(off, end));
    const t1 = cpu();
    set.detect(text);
    det += cpu() - t1;
    dec += t1 - t0;
    off = end - CHUNK;
  }
  console.log(`  ${kind.padEnd(30)} ${(bytes.length / 1e6).toFixed(1).padStart(5)} MB: decode ${(bytes.length / 1e6 / dec).toFixed(0).padStart(4)} MB/s, detect ${(bytes.length / 1e6 / det).toFixed(0).padStart(4)} MB/s`);
}
// One 1 MB upload as the ICAP bench sends it (bench/icap-throughput.ts): the latency of one inspection.
{
  const upload = repeatText(`${harmlessText()}令和8年度 事業計画 第${1 << 20}版 0123456789\n`, 1 << 20);
  const dec: number[] = [];
  const det: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = cpu();
    const text = decoder.decode(upload);
    const t1 = cpu();
    set.detect(text);
    det.push(cpu() - t1);
    dec.push(t1 - t0);
  }
  const median = (x: number[]) => [...x.slice(5)].sort((a, b) => a - b)[12]! * 1000;
  console.log(`  1 MB upload body (ICAP bench's text): decode ${median(dec).toFixed(1)} ms, detect ${median(det).toFixed(1)} ms (CPU, median of 25 after 5)`);
}
console.log(`memory: rss before streaming ${mib(rssStart)}, peak while streaming ${mib(r.peakRss)} (the corpus source held in memory: ${mib(source.length)})`);
