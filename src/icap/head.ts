import { MamoriError } from '../core/index.js';
import { HeaderList } from './headers.js';

/** A start line and its header fields: the shape of ICAP and HTTP message heads alike. */
export interface MessageHead {
  readonly startLine: string;
  readonly headers: HeaderList;
}

const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses a head (without its final empty line). Header bytes are read as latin1 so that any octet
 * survives; obsolete line folding is joined; a line without a colon is a protocol error.
 *
 * @example
 * parseHead(Buffer.from('OPTIONS icap://h/reqmod ICAP/1.0\r\nHost: h')).startLine; // 'OPTIONS icap://h/reqmod ICAP/1.0'
 */
export function parseHead(raw: Buffer, what = 'ICAP'): MessageHead {
  const lines = raw.toString('latin1').split(/\r?\n/);
  // Stray CRLFs between pipelined messages are tolerated (RFC 9112 2.2).
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const startLine = lines.shift() ?? '';
  if (startLine.length === 0) throw new MamoriError('ERR_ICAP', `empty ${what} start line`);
  const entries: [string, string][] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && entries.length > 0) {
      const last = entries[entries.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!FIELD_NAME.test(name)) throw new MamoriError('ERR_ICAP', `malformed ${what} header line`);
    entries.push([name, line.slice(colon + 1).trim()]);
  }
  return { startLine, headers: new HeaderList(entries) };
}

/** The three parts of an ICAP request line. */
export interface IcapRequestLine {
  readonly method: string;
  readonly uri: string;
  readonly service: string;
}

/**
 * Splits `REQMOD icap://host:1344/reqmod?x ICAP/1.0` and checks the version.
 *
 * @example
 * parseIcapRequestLine('REQMOD icap://127.0.0.1:1344/reqmod ICAP/1.0').service; // 'reqmod'
 */
export function parseIcapRequestLine(line: string): IcapRequestLine {
  const parts = line.split(' ');
  if (parts.length !== 3) throw new MamoriError('ERR_ICAP', 'malformed ICAP request line');
  const [method, uri, version] = parts as [string, string, string];
  if (version !== 'ICAP/1.0') throw new MamoriError('ERR_ICAP', `unsupported ICAP version`, { status: 505 });
  const m = /^icaps?:\/\/[^/]*(\/[^?]*)?/i.exec(uri);
  if (!m) throw new MamoriError('ERR_ICAP', 'ICAP URI must be icap://host[:port]/service');
  const service = (m[1] ?? '/').replace(/^\/+|\/+$/g, '').toLowerCase();
  return { method, uri, service };
}
