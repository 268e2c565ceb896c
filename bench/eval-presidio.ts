// Per-type precision and recall of mamori's detectors on Presidio's synthetic PII set (span overlap).
// Usage: npx tsx bench/eval-presidio.ts [file.json] [--misses]
import { readFileSync } from 'node:fs';
import { createDetectorSet, detectConfigSchema } from '../src/detect/index.js';
import { sharedData } from './shared-data.js';

interface Span { entity_type: string; entity_value: string; start_position: number; end_position: number }
interface Sample { full_text: string; spans: Span[] }

/** mamori detector → Presidio entity type. */
const TYPE_OF: Record<string, string> = {
  credit_card: 'CREDIT_CARD',
  email: 'EMAIL_ADDRESS',
  iban: 'IBAN_CODE',
  us_ssn: 'US_SSN',
  ip_address: 'IP_ADDRESS',
  phone: 'PHONE_NUMBER',
  'jp.phone': 'PHONE_NUMBER',
};
const TYPES = ['CREDIT_CARD', 'EMAIL_ADDRESS', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS', 'PHONE_NUMBER'];

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? sharedData('pii', 'presidio-synth-dev.json');
const showMisses = args.includes('--misses');
const samples = JSON.parse(readFileSync(file, 'utf8')) as Sample[];
const set = createDetectorSet(detectConfigSchema.parse({}));
const stats = new Map(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0, gold: 0 }]));
const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

const t0 = performance.now();
for (const s of samples) {
  const predicted = set.detect(s.full_text).flatMap((e) => (TYPE_OF[e.detector] ? [{ type: TYPE_OF[e.detector]!, start: e.start, end: e.end }] : []));
  const gold = s.spans.filter((g) => stats.has(g.entity_type));
  for (const g of gold) {
    const st = stats.get(g.entity_type)!;
    st.gold++;
    if (predicted.some((p) => p.type === g.entity_type && overlaps(p.start, p.end, g.start_position, g.end_position))) st.tp++;
    else {
      st.fn++;
      if (showMisses) console.log(`MISS ${g.entity_type} ${JSON.stringify(g.entity_value)} | ${JSON.stringify(s.full_text.slice(Math.max(0, g.start_position - 40), g.end_position + 20))}`);
    }
  }
  for (const p of predicted) {
    if (!gold.some((g) => g.entity_type === p.type && overlaps(p.start, p.end, g.start_position, g.end_position))) {
      stats.get(p.type)!.fp++;
      if (showMisses) console.log(`FALSE ${p.type} ${JSON.stringify(s.full_text.slice(p.start, p.end))} | ${JSON.stringify(s.full_text.slice(Math.max(0, p.start - 40), p.end + 20))}`);
    }
  }
}
const ms = performance.now() - t0;

const pad = (v: string | number, w: number) => String(v).padStart(w);
console.log(`${samples.length} samples, ${ms.toFixed(0)} ms`);
console.log(`${'type'.padEnd(14)}${pad('gold', 6)}${pad('tp', 6)}${pad('fp', 6)}${pad('fn', 6)}${pad('precision', 11)}${pad('recall', 8)}${pad('F2', 7)}`);
for (const [type, st] of stats) {
  const p = st.tp + st.fp === 0 ? 1 : st.tp / (st.tp + st.fp);
  const r = st.gold === 0 ? 1 : st.tp / st.gold;
  const f2 = p + r === 0 ? 0 : (5 * p * r) / (4 * p + r);
  console.log(`${type.padEnd(14)}${pad(st.gold, 6)}${pad(st.tp, 6)}${pad(st.fp, 6)}${pad(st.fn, 6)}${pad(p.toFixed(3), 11)}${pad(r.toFixed(3), 8)}${pad(f2.toFixed(3), 7)}`);
}
