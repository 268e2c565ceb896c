import { MamoriError, type Finding } from '../../core/index.js';
import type { Conditions } from '../condition-schema.js';
import type { Check, CompileEnv } from '../input.js';

/** `jp.my_number` matches itself; `secret.*` every id under `secret.`; `*` every detector. */
export function detectorMatcher(pattern: string): (id: string) => boolean {
  if (pattern === '*') return () => true;
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1).toLowerCase();
    return (id) => id.toLowerCase().startsWith(prefix);
  }
  const exact = pattern.toLowerCase();
  return (id) => id.toLowerCase() === exact;
}

/**
 * Findings of the named detectors (and/or categories), counted together, at least `minCount` (default 1).
 *
 * @example
 * detectorCheck({ detector: ['jp.my_number'], minCount: 10 }, env);
 */
export function detectorCheck(cond: Pick<Conditions, 'detector' | 'category' | 'minCount'>, env: CompileEnv): Check {
  const patterns = cond.detector ?? [];
  const matchers = patterns.map(detectorMatcher);
  if (env.detectors) {
    const known = env.detectors;
    patterns.forEach((p, i) => {
      if (!known.some(matchers[i]!)) throw new MamoriError('ERR_CONFIG', `${env.where}.detector: "${p}" matches no known detector`);
    });
  }
  const categories = new Set<string>(cond.category ?? []);
  const minCount = cond.minCount ?? 1;
  const selects = (f: Finding) => (matchers.length === 0 || matchers.some((m) => m(f.detector))) && (categories.size === 0 || categories.has(f.category));
  const what = [patterns.length ? patterns.join(', ') : '', categories.size ? `category ${[...categories].join(', ')}` : ''].filter(Boolean).join(' in ');
  const count = (findings: readonly Finding[]) => {
    let n = 0;
    for (const f of findings) if (selects(f)) n += f.count;
    return n;
  };
  return {
    condition: 'detector',
    holds: (input) => count(input.findings) >= minCount,
    why: (input) => {
      const hits = input.findings.filter(selects);
      const n = count(input.findings);
      const detail = hits.length ? ` (${hits.map((f) => `${f.count} × ${f.detector}`).join(', ')})` : '';
      return `${n} finding${n === 1 ? '' : 's'} of ${what}${detail}, ${n >= minCount ? '≥' : '<'} ${minCount}`;
    },
  };
}
