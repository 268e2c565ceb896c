/** A parsed `type/subtype; key=value` header value; parameter names lower-cased, values unquoted. */
export interface MediaType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Parses Content-Type and Content-Disposition style values (quoted strings, `;`-separated parameters).
 * Values are returned as the header's characters (latin1 for raw bytes); the first occurrence of a name wins.
 *
 * @example
 * parseMediaType('multipart/form-data; boundary="----x"').params.get('boundary'); // '----x'
 */
export function parseMediaType(value: string | undefined): MediaType {
  const params = new Map<string, string>();
  if (!value) return { type: '', params };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const name = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (value[j] === ' ' || value[j] === '\t') j++;
    let v: string;
    if (value[j] === '"') {
      // A quote ends the value unless escaped; browsers percent-encode quotes instead, so `\` is kept literally
      // elsewhere (Windows paths such as C:\dir\a.txt).
      let k = j + 1;
      while (k < value.length && !(value[k] === '"' && value[k - 1] !== '\\')) k++;
      v = value.slice(j + 1, k).replace(/\\"/g, '"');
      const next = value.indexOf(';', k);
      i = next < 0 ? value.length : next + 1;
    } else {
      const next = value.indexOf(';', j);
      v = value.slice(j, next < 0 ? value.length : next).trim();
      i = next < 0 ? value.length : next + 1;
    }
    if (name && !params.has(name)) params.set(name, v);
  }
  return { type, params };
}

/** True for JSON media types: application/json, text/json, anything `+json`, NDJSON/JSON lines. */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json') || /^application\/(x-)?(ndjson|jsonl|json-seq|jsonlines)$/.test(type);
}
