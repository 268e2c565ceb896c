import type { Conditions, LabelCondition } from './condition-schema.js';

/**
 * A one-line summary of a `when:` block for tables: `label ≥ c2, not (destination in list approved)`.
 *
 * @example
 * describeConditions({ label: { atLeast: 'c2' }, method: ['POST'] }); // 'method POST, label ≥ c2'
 */
export function describeConditions(when: Conditions): string {
  const parts: string[] = [];
  if (when.channel) parts.push(`channel ${when.channel.join('|')}`);
  if (when.method) parts.push(`method ${when.method.join('|')}`);
  if (when.user) parts.push(`user ${when.user.join('|')}`);
  if (when.client) parts.push(`client in ${sets(when.client.segment, when.client.segments, when.client.entries, 'segment')}`);
  if (when.quarantined !== undefined) parts.push(when.quarantined ? 'client quarantined' : 'client not quarantined');
  if (when.size) parts.push([when.size.min !== undefined ? `size ≥ ${when.size.min}` : '', when.size.max !== undefined ? `size ≤ ${when.size.max}` : ''].filter(Boolean).join(', '));
  if (when.unscannable !== undefined) parts.push(when.unscannable ? 'unscannable' : 'scannable');
  if (when.label) parts.push(`label ${label(when.label)}`);
  if (when.detector || when.category) {
    const what = [...(when.detector ?? []), ...(when.category ?? []).map((c) => `category ${c}`)].join('|');
    parts.push(`${what} × ≥ ${when.minCount ?? 1}`);
  }
  if (when.document) {
    const d = when.document;
    const q = [d.label ? `label ${label(d.label)}` : '', d.minCoverage !== undefined ? `coverage ≥ ${d.minCoverage}` : '', d.minRunChars !== undefined ? `run ≥ ${d.minRunChars}` : ''].filter(Boolean).join(', ');
    parts.push(`${d.present ? '' : 'no '}registered document${q ? ` (${q})` : ''}`);
  }
  if (when.destination) parts.push(`destination in ${sets(when.destination.list, when.destination.lists, when.destination.entries, 'list')}`);
  if (when.not) parts.push(`not (${describeConditions(when.not)})`);
  if (when.any) parts.push(`any of (${when.any.map(describeConditions).join(') | (')})`);
  return parts.join(', ') || 'always';
}

function label(l: LabelCondition): string {
  return [l.atLeast ? `≥ ${l.atLeast}` : '', l.atMost ? `≤ ${l.atMost}` : '', l.exactly ? `= ${l.exactly}` : '', l.in ? `in ${l.in.join('|')}` : ''].filter(Boolean).join(' and ');
}

function sets(one: string | undefined, many: readonly string[] | undefined, entries: readonly string[] | undefined, kind: string): string {
  const names = [...(one !== undefined ? [one] : []), ...(many ?? [])].map((n) => `${kind} ${n}`);
  if (entries?.length) names.push(`[${entries.join(', ')}]`);
  return names.join(' or ');
}
