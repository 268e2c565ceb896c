import type { Explanation } from '../policy/index.js';
import { renderTable } from './output.js';

/**
 * Renders `explainDecision` for people: every rule in order, whether it matched, which one decided, and the
 * reason each condition held or failed.
 *
 * @example
 * process.stdout.write(renderExplanation(explainDecision(policy, input)));
 */
export function renderExplanation(x: Explanation): string {
  const rows = x.rules.map((r, i) => ({
    n: i + 1,
    mark: r.fired ? '→' : r.matched ? '✓' : '·',
    id: r.id,
    action: r.action,
    why: r.conditions.length === 0 ? (r.id === 'default' ? 'no rule matched' : 'always') : r.conditions.map((c) => `${c.matched ? '✓' : '✗'} ${c.why}`).join('; '),
  }));
  const head = `policy (${x.mode}): ${x.verdict.action} by rule ${x.verdict.rule}${x.verdict.monitored ? ' (monitor mode: not blocked)' : ''}\n`;
  return (
    head +
    renderTable(rows, [
      { header: '#', value: (r) => r.n, align: 'right' },
      { header: '', value: (r) => r.mark },
      { header: 'RULE', value: (r) => r.id },
      { header: 'ACTION', value: (r) => r.action },
      { header: 'CONDITIONS', value: (r) => r.why, max: 140 },
    ]) +
    '→ decided   ✓ matched (a rule above decided first)   · did not match\n'
  );
}
