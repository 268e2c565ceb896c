import { maskValue, type Entity, type Finding } from '../core/index.js';
import type { DetectorSet } from './index.js';

const MAX_SAMPLES = 5;

/**
 * Aggregates entities per detector over all parts: count, best confidence, masked distinct samples.
 * The unmasked values go no further than this function.
 *
 * @example
 * summariseFindings(set, [{ path: 'a.txt', entities }]); // [{ detector: 'credit_card', count: 2, samples: ['4111********1111'], ... }]
 */
export function summariseFindings(set: Pick<DetectorSet, 'info'>, perPart: readonly { path: string; entities: readonly Entity[] }[]): Finding[] {
  const acc = new Map<string, { count: number; confidence: number; samples: Set<string>; parts: Set<string> }>();
  for (const { path, entities } of perPart) {
    for (const e of entities) {
      let a = acc.get(e.detector);
      if (!a) acc.set(e.detector, (a = { count: 0, confidence: 0, samples: new Set(), parts: new Set() }));
      a.count++;
      a.confidence = Math.max(a.confidence, e.confidence);
      a.parts.add(path);
      if (a.samples.size < MAX_SAMPLES) a.samples.add(maskSample(e));
    }
  }
  const out: Finding[] = [];
  for (const [detector, a] of acc) {
    const info = set.info(detector);
    out.push({
      detector,
      category: info?.category ?? 'custom',
      count: a.count,
      confidence: Math.round(a.confidence * 100) / 100,
      label: info?.label ?? 'c2',
      samples: [...a.samples],
      parts: [...a.parts],
    });
  }
  return out.sort((x, y) => y.count - x.count || x.detector.localeCompare(y.detector));
}

/**
 * The form a value may be shown and stored in. Markings are labels, not secrets: shown as found.
 * Secrets keep only a telling prefix (`ghp_`, `AKIA`, the PEM header) and no tail, since a key's tail
 * is as secret as its head; personal data keeps the head and tail `maskValue` allows.
 */
function maskSample(e: Entity): string {
  if (e.detector.startsWith('marking.')) return e.value.slice(0, 40);
  if (e.detector === 'secret.private_key') return `${e.value.split(/\r?\n/, 1)[0]!.slice(0, 64)} …`;
  if (e.detector.startsWith('secret.')) {
    const keep = e.value.length >= 16 ? 4 : 0;
    return `${e.value.slice(0, keep)}${'*'.repeat(Math.min(12, Math.max(4, e.value.length - keep)))}`;
  }
  return maskValue(e.value.slice(0, 200).replace(/\s+/g, ' '));
}
