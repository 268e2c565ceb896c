import { isIP } from 'node:net';
import { MamoriError } from '../core/index.js';
import { parseHead, type MessageHead } from './head.js';

/** The encapsulated HTTP request, as far as policy and the block page need it. */
export interface HttpRequestHead extends MessageHead {
  readonly method: string;
  /** Absolute URL (`http://host/path`), rebuilt from Host when the request line carries only a path. */
  readonly url: string;
  readonly host: string;
  /** The host when it is an IP literal. */
  readonly ip: string | undefined;
}

/**
 * Parses the `req-hdr` section. CONNECT's authority form and origin-form paths are accepted.
 *
 * @example
 * parseHttpRequest(Buffer.from('POST http://example.jp/up HTTP/1.1\r\nHost: example.jp\r\n\r\n')).host; // 'example.jp'
 */
export function parseHttpRequest(raw: Buffer): HttpRequestHead {
  const head = parseHead(raw, 'HTTP');
  const [method = '', target = '', version = ''] = head.startLine.split(' ');
  if (!/^[A-Z-]{1,20}$/i.test(method) || target.length === 0 || !/^HTTP\/\d\.\d$/.test(version)) {
    throw new MamoriError('ERR_ICAP', 'malformed encapsulated HTTP request line');
  }
  let url: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) url = target;
  else if (method.toUpperCase() === 'CONNECT') url = `https://${target}/`;
  else url = `http://${head.headers.get('host') ?? 'unknown'}${target.startsWith('/') ? target : `/${target}`}`;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    host = (head.headers.get('host') ?? '').replace(/:\d+$/, '');
  }
  const bare = host.replace(/^\[|\]$/g, '');
  return { ...head, method: method.toUpperCase(), url, host: bare, ip: isIP(bare) ? bare : undefined };
}
