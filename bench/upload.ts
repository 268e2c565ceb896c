// Upload-body splitting throughput, each beside a baseline doing the least the same job needs:
//   multipart: splitUpload vs undici's FormData parser (Response.formData(), what fetch uses);
//   gzip multipart: splitUpload (gunzip + split) vs gunzip alone;
//   JSON with a base64 attachment: splitUpload vs JSON.parse + base64 decode.
// Usage: npx tsx bench/upload.ts [--mb N]   (file size in MiB, default 8)
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzipSync } from 'node:zlib';
import { splitUpload } from '../src/extract/upload/index.js';

const mb = Number(process.argv[process.argv.indexOf('--mb') + 1] || 8) || 8;
const gunzip = promisify(gunzipCb);
const limits = { maxExpandedBytes: 1 << 30, maxRatio: 200, maxEntries: 10_000, maxDepth: 8 };

// Pseudo-random lower-case text with spaces: compresses about 2:1 under gzip, like office text.
const file = Buffer.alloc(mb << 20);
let seed = 42;
for (let i = 0; i < file.length; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  const r = (seed >>> 16) % 27;
  file[i] = r === 26 ? 0x20 : 0x61 + r;
}
const fd = new FormData();
for (let i = 0; i < 10; i++) fd.append(`field${i}`, `値${i} `.repeat(20));
fd.append('upload', new Blob([file], { type: 'application/octet-stream' }), '報告書.bin');
const res = new Response(fd);
const contentType = res.headers.get('content-type')!;
const multipart = Buffer.from(await res.arrayBuffer());
const gz = gzipSync(multipart);
const json = Buffer.from(JSON.stringify({ title: '予算', attachments: [{ filename: 'a.bin', data: file.toString('base64') }] }));

async function time(label: string, bytes: number, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const runs = 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${((bytes / (1 << 20)) / (ms / 1000)).toFixed(0).padStart(6)} MiB/s`);
}

console.log(`upload bodies: ${mb} MiB file, node ${process.version}; multipart ${multipart.length} B, gzip ${gz.length} B, JSON ${json.length} B`);
await time('baseline: undici Response.formData()', multipart.length, () => new Response(multipart, { headers: { 'content-type': contentType } }).formData());
await time('splitUpload multipart', multipart.length, () => splitUpload(multipart, { contentType, limits }));
await time('baseline: gunzip only', multipart.length, () => gunzip(gz));
await time('splitUpload gzip multipart', multipart.length, () => splitUpload(gz, { contentType, contentEncoding: 'gzip', limits }));
await time('baseline: JSON.parse + base64 decode', json.length, async () => Buffer.from((JSON.parse(json.toString()) as { attachments: { data: string }[] }).attachments[0]!.data, 'base64'));
await time('splitUpload JSON', json.length, () => splitUpload(json, { contentType: 'application/json', limits }));
