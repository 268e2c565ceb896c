import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectRange, RANGE_MARGIN_CHARS } from './range.js';
import { defaultSet } from './test-support/detect.js';

/** Every text file of the sample share: personal data, account numbers, secrets and markings of every kind. */
function sampleShare(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(txt|md|csv|eml|html)$/.test(name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(import.meta.dirname, '../../examples/share'));
  return out.join('\n');
}

const key = (e: { detector: string; start: number; end: number; value: string }) => `${e.detector}@${e.start}-${e.end}:${e.value}`;

describe('detectRange', () => {
  const set = defaultSet();
  const share = sampleShare();
  // Long enough that a cut lies far from either end, as in a split inspection of a large upload.
  const text = share.repeat(Math.ceil((3 * RANGE_MARGIN_CHARS) / share.length) + 1);
  const whole = set.detect(text).map(key);

  it('finds the sample share full of entities (the comparison below means something)', () => {
    assert.ok(whole.length > 200, `${whole.length} entities`);
    assert.ok(new Set(set.detect(share).map((e) => e.detector)).size >= 8);
  });

  it('gives the whole text’s entities, no more and no fewer, wherever the text is cut', () => {
    const entities = set.detect(text);
    // Cuts inside entities, just before and after them, and at arbitrary places.
    const cuts = [1, 777, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 5];
    for (const e of entities.filter((_, i) => i % 97 === 0)) cuts.push(e.start, e.start + 1, Math.floor((e.start + e.end) / 2), e.end);
    for (const cut of cuts) {
      const joined = [...detectRange(set, text, 0, cut), ...detectRange(set, text, cut, text.length)].map(key);
      assert.deepEqual(joined, whole, `cut at ${cut}`);
    }
  });

  it('covers a text cut in many ranges', () => {
    const n = 7;
    const bounds = Array.from({ length: n + 1 }, (_, i) => Math.floor((i * text.length) / n));
    const joined = bounds.slice(0, -1).flatMap((from, i) => detectRange(set, text, from, bounds[i + 1]!)).map(key);
    assert.deepEqual(joined, whole);
  });

  it('keeps a private key that crosses the cut, whole, on the side where it starts', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEowIBAAKCAQEA7bq98s3Z'.repeat(140).replace(/(.{64})/g, '$1\n')}\n-----END RSA PRIVATE KEY-----\n`;
    const filler = 'これは公開資料です。特記事項はありません。\n'.repeat(6000);
    const doc = `${filler}${pem}${filler}`;
    const cut = filler.length + Math.floor(pem.length / 2);
    const left = detectRange(set, doc, 0, cut).filter((e) => e.detector === 'secret.private_key');
    const right = detectRange(set, doc, cut, doc.length).filter((e) => e.detector === 'secret.private_key');
    assert.equal(left.length, 1);
    assert.equal(left[0]!.start, filler.length);
    assert.equal(right.length, 0);
    assert.deepEqual(left.map(key), set.detect(doc).filter((e) => e.detector === 'secret.private_key').map(key));
  });
});
