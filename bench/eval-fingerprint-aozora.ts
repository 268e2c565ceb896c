/**
 * False-match evaluation on Japanese prose: register every Aozora Bunko text of the reference data
 * (Shift_JIS, ruby markup), then look up unrelated English and Japanese text and report everything
 * above the classification threshold, each checked against an exact longest-common-substring oracle.
 * Then a held-out run: register the first half of every text, look up the second halves.
 * Also measures recall on random excerpts after a Shift_JIS round trip, as a sanity check.
 *
 *   npx tsx bench/eval-fingerprint-aozora.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../src/config/index.js';
import type { DocMatch } from '../src/core/index.js';
import { extract } from '../src/extract/index.js';
import { DocumentIndex, GUARANTEE, fingerprintText, normalise } from '../src/fingerprint/index.js';
import { rng, roundTrip } from '../src/fingerprint/test-support/corpus.js';
import { documentText } from '../src/registry/index.js';
import { longestCommonSubstring } from './lcs.js';
import { sharedData } from './shared-data.js';
import { englishSystemText, japaneseSystemText } from './text-sources.js';

const config = defaultConfig();
const dir = sharedData('text/aozora-sjis');
const passes = (m: DocMatch): boolean => m.longestRunChars >= config.fingerprint.minRunChars || m.coverage >= config.fingerprint.minCoverage;
let fallbackDecodes = 0;

/** Text as `mamori register` extracts it; Shift_JIS by hand only if the extractor cannot decode it. */
async function textOf(bytes: Buffer, name: string): Promise<string> {
  const text = documentText((await extract(bytes, { name, limits: config.extract })).parts);
  if (!text.includes('\uFFFD')) return text;
  fallbackDecodes++;
  return new TextDecoder('shift_jis').decode(bytes);
}

const names = readdirSync(dir).sort();
const texts = await Promise.all(names.map(async (n) => textOf(readFileSync(join(dir, n)), n)));
const norms = texts.map((t) => normalise(t).norm);
const build = (docs: string[]): DocumentIndex =>
  DocumentIndex.build(docs.map((t, i) => ({ docId: String(i), path: names[i]!, label: 'c2', fingerprints: fingerprintText(t) })), { boilerplateDocs: config.fingerprint.boilerplateDocs });

interface Hit { query: string; doc: string; run: number; coverage: number; exactLcs: number }
function probe(index: DocumentIndex, registered: readonly string[], queries: { name: string; text: string }[]): { chars: number; above: Hit[]; below: number; maxRun: number } {
  const above: Hit[] = [];
  let below = 0;
  let maxRun = 0;
  let chars = 0;
  for (const q of queries) {
    chars += q.text.length;
    for (const m of index.lookup([{ path: q.name, kind: 'body', mediaType: 'text/plain', text: q.text }])) {
      maxRun = Math.max(maxRun, m.longestRunChars);
      if (!passes(m)) {
        below++;
        continue;
      }
      const exactLcs = longestCommonSubstring(registered[Number(m.docId)]!, normalise(q.text).norm);
      above.push({ query: q.name, doc: m.path, run: m.longestRunChars, coverage: Number(m.coverage.toFixed(4)), exactLcs });
    }
  }
  return { chars, above, below, maxRun };
}

const full = build(texts);
const english = englishSystemText(20 * 1024 * 1024);
const japanese = japaneseSystemText();
const en = probe(full, norms, english);
const ja = probe(full, norms, japanese);

// Held out: first halves registered, second halves looked up.
const firstHalves = texts.map((t) => t.slice(0, t.length >> 1));
const halfIndex = build(firstHalves);
const held = probe(halfIndex, firstHalves.map((t) => normalise(t).norm), texts.map((t, i) => ({ name: `${names[i]}#2nd-half`, text: t.slice(t.length >> 1) })));

// Sanity: excerpts after a Shift_JIS round trip are found.
const docsPerHash = new Map<number, number>();
for (const t of texts) for (const h of new Set(fingerprintText(t).hashes)) docsPerHash.set(h, (docsPerHash.get(h) ?? 0) + 1);
const boilerplateHashes = new Set([...docsPerHash].filter(([, n]) => n >= config.fingerprint.boilerplateDocs).map(([h]) => h));
const random = rng(2026);
let found = 0;
let boilerplate = 0;
const trials = 300;
for (let i = 0; i < trials; i++) {
  const d = i % texts.length;
  const { norm, map } = normalise(texts[d]!);
  const len = GUARANTEE + Math.floor(random() * 201);
  const s = Math.floor(random() * (norm.length - len));
  const excerpt = texts[d]!.slice(map[s]!, map[s + len]!);
  // Excerpts touching text most Aozora files carry (the footer) are partly boilerplate, which is rightly
  // no evidence: counted apart, not as misses.
  if ([...fingerprintText(excerpt).hashes].some((h) => boilerplateHashes.has(h))) {
    boilerplate++;
    continue;
  }
  const hit = full.lookup([{ path: 'x', kind: 'body', mediaType: 'text/plain', text: roundTrip(excerpt, 'SJIS') }]).find((m) => m.docId === String(d));
  if (hit && passes(hit)) found++;
}

const summary = (r: ReturnType<typeof probe>) => ({
  queryChars: r.chars,
  aboveThreshold: r.above.length,
  aboveThresholdWithoutRealSharedRun: r.above.filter((h) => h.exactLcs < GUARANTEE).length,
  belowThresholdMatches: r.below,
  longestRunSeen: r.maxRun,
  above: r.above.slice(0, 20),
});
console.log(
  JSON.stringify(
    {
      registered: { documents: names.length, chars: norms.reduce((n, t) => n + t.length, 0), index: full.stats(), decodedByFallback: fallbackDecodes },
      english: { documents: english.length, ...summary(en) },
      japanese: { documents: japanese.length, ...summary(ja) },
      heldOutSecondHalves: summary(held),
      excerptsAfterShiftJisRoundTrip: { trials, boilerplateExcerpts: boilerplate, found, recall: found / (trials - boilerplate) },
    },
    null,
    2,
  ),
);
