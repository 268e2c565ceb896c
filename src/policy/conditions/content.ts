import { MamoriError, type DocMatch, type LabelTaxonomy } from '../../core/index.js';
import type { DocumentCondition, LabelCondition } from '../condition-schema.js';
import type { Check, CompileEnv } from '../input.js';

/** A label test as a predicate plus its wording; unknown labels are a config error. */
export function labelTest(cond: LabelCondition, taxonomy: LabelTaxonomy, where: string): { test: (id: string) => boolean; text: string } {
  const known = (id: string) => {
    if (!taxonomy.has(id)) throw new MamoriError('ERR_CONFIG', `${where}: unknown label "${id}"; labels: ${taxonomy.labels.map((l) => l.id).join(', ')}`);
    return id;
  };
  const tests: ((id: string) => boolean)[] = [];
  const words: string[] = [];
  if (cond.atLeast !== undefined) {
    const floor = known(cond.atLeast);
    tests.push((id) => taxonomy.atLeast(id, floor));
    words.push(`at least ${floor}`);
  }
  if (cond.atMost !== undefined) {
    const ceiling = known(cond.atMost);
    tests.push((id) => taxonomy.rank(id) <= taxonomy.rank(ceiling));
    words.push(`at most ${ceiling}`);
  }
  if (cond.exactly !== undefined) {
    const exact = known(cond.exactly);
    tests.push((id) => id === exact);
    words.push(`exactly ${exact}`);
  }
  if (cond.in !== undefined) {
    const set = new Set(cond.in.map(known));
    tests.push((id) => set.has(id));
    words.push(`one of ${[...set].join(', ')}`);
  }
  return { test: (id) => tests.every((t) => t(id)), text: words.join(' and ') };
}

export function labelCheck(cond: LabelCondition, env: CompileEnv): Check {
  const { test, text } = labelTest(cond, env.taxonomy, env.where);
  return {
    condition: 'label',
    holds: (input) => test(input.label),
    why: (input, matched) => `label ${input.label} is ${matched ? '' : 'not '}${text}`,
  };
}

export function documentCheck(cond: DocumentCondition, env: CompileEnv): Check {
  const label = cond.label ? labelTest(cond.label, env.taxonomy, `${env.where}.document`) : undefined;
  const qualifies = (m: DocMatch) =>
    (label === undefined || label.test(m.label)) &&
    (cond.minCoverage === undefined || m.coverage >= cond.minCoverage) &&
    (cond.minRunChars === undefined || m.longestRunChars >= cond.minRunChars);
  const wanted = [label ? `label ${label.text}` : '', cond.minCoverage !== undefined ? `coverage ≥ ${pct(cond.minCoverage)}` : '', cond.minRunChars !== undefined ? `run ≥ ${cond.minRunChars} chars` : '']
    .filter(Boolean)
    .join(', ');
  const what = `registered document${wanted ? ` (${wanted})` : ''}`;
  return {
    condition: 'document',
    holds: (input) => input.matches.some(qualifies) === cond.present,
    why: (input) => {
      const hit = input.matches.find(qualifies);
      return hit ? `matches ${what}: ${hit.path} [${hit.label}, ${pct(hit.coverage)} coverage]` : `no ${what} matched`;
    },
  };
}

export function unscannableCheck(wanted: boolean): Check {
  return {
    condition: 'unscannable',
    holds: (input) => input.unscannable === wanted,
    why: (input) => (input.unscannable ? 'content could not be inspected' : 'content was inspected'),
  };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
