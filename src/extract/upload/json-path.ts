/**
 * JSONPath-style segments: `.name` for identifiers, `['weird key']` otherwise, `[3]` for indices.
 *
 * @example
 * childPath('$', 'attachments') + '[0]'; // '$.attachments[0]'
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}.${key}`;
  return `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\//g, '%2F')}']`;
}

const NAME_KEYS = ['filename', 'fileName', 'file_name', 'name', 'title'];

/** A file name a JSON object gives its payload (`{ "filename": "a.pdf", "data": "JVBER..." }`). */
export function siblingName(obj: Record<string, unknown>): string | undefined {
  for (const k of NAME_KEYS) {
    const v = obj[k];
    if (typeof v === 'string' && v.length > 0 && v.length < 256 && !v.includes('\n')) return v;
  }
  return undefined;
}
