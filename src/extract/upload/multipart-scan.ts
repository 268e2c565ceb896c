/** A part of a multipart body: its raw header block and its body, as views into the input. */
export interface RawPart {
  readonly headers: Buffer;
  readonly body: Buffer;
}

export interface ScanResult {
  readonly parts: RawPart[];
  /** False when the body ended before the closing `--boundary--`. */
  readonly closed: boolean;
  /** True when scanning stopped at `maxParts`. */
  readonly truncated: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/** Index of the next `--boundary` that starts a line and is not merely a prefix of a longer token. */
function nextDelimiter(body: Buffer, delim: Buffer, from: number): number {
  for (let i = body.indexOf(delim, from); i >= 0; i = body.indexOf(delim, i + 1)) {
    const atLineStart = i === 0 || body[i - 1] === LF;
    const after = body[i + delim.length];
    const ends = after === undefined || after === CR || after === LF || after === DASH || after === 0x20 || after === 0x09;
    if (atLineStart && ends) return i;
  }
  return -1;
}

/** Position just past the end of the line starting at `from` (CRLF or bare LF), or the end of the body. */
function pastLine(body: Buffer, from: number): number {
  const lf = body.indexOf(LF, from);
  return lf < 0 ? body.length : lf + 1;
}

/**
 * Splits a multipart body (RFC 2046) into raw parts in one linear pass. Tolerates bare LF line ends,
 * transport padding after delimiters and a missing final boundary (the last part then runs to the end).
 *
 * @example
 * scanMultipart(body, 'x', 1000).parts.map((p) => p.body.toString());
 */
export function scanMultipart(body: Buffer, boundary: string, maxParts: number): ScanResult | undefined {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  let pos = nextDelimiter(body, delim, 0);
  if (pos < 0) return undefined;
  const parts: RawPart[] = [];
  for (;;) {
    const after = pos + delim.length;
    if (body[after] === DASH && body[after + 1] === DASH) return { parts, closed: true, truncated: false };
    if (parts.length >= maxParts) return { parts, closed: true, truncated: true };
    const start = pastLine(body, after);
    const next = nextDelimiter(body, delim, start);
    let end = next < 0 ? body.length : next;
    // The line break before a delimiter belongs to the delimiter.
    if (next >= 0 && end > start && body[end - 1] === LF) end--;
    if (next >= 0 && end > start && body[end - 1] === CR) end--;
    parts.push(splitHeaders(body.subarray(start, Math.max(start, end))));
    if (next < 0) return { parts, closed: false, truncated: false };
    pos = next;
  }
}

/** Header block and body of one part: they are separated by the first empty line. */
function splitHeaders(part: Buffer): RawPart {
  if (part[0] === LF) return { headers: part.subarray(0, 0), body: part.subarray(1) };
  if (part[0] === CR && part[1] === LF) return { headers: part.subarray(0, 0), body: part.subarray(2) };
  for (let i = part.indexOf(LF); i >= 0; i = part.indexOf(LF, i + 1)) {
    if (part[i + 1] === LF) return { headers: part.subarray(0, i), body: part.subarray(i + 2) };
    if (part[i + 1] === CR && part[i + 2] === LF) return { headers: part.subarray(0, i), body: part.subarray(i + 3) };
  }
  return { headers: part, body: part.subarray(part.length) };
}

/** Header lines of a part (unfolded, names lower-cased), as latin1 strings standing for the raw bytes. */
export function parseHeaders(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  let last = '';
  for (const line of block.toString('latin1').split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}
