/**
 * Header fields in arrival order, looked up case-insensitively. Repeated fields are kept
 * (c-icap-client, for one, may send Content-Length twice).
 *
 * @example
 * const h = new HeaderList([['Allow', '204']]);
 * h.get('allow'); // '204'
 */
export class HeaderList {
  readonly entries: readonly (readonly [string, string])[];
  constructor(entries: readonly (readonly [string, string])[]) {
    this.entries = entries;
  }
  /** The first value of `name`. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [k, v] of this.entries) if (k.toLowerCase() === lower) return v;
    return undefined;
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  /** Comma-separated tokens of every `name` field, lower-cased. */
  tokens(name: string): string[] {
    const lower = name.toLowerCase();
    return this.entries
      .filter(([k]) => k.toLowerCase() === lower)
      .flatMap(([, v]) => v.split(','))
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0);
  }
}
