import { CONTEXT } from '../catalog.js';
import { hasContext } from '../context.js';
import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

const isDigitOrLetter = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d]|\.\d)/g;

/**
 * IPv4 addresses inside a cluster (dotted quad, no leading zeros, not part of a longer dotted run).
 *
 * @example
 * ipv4Hits(text, readCluster('from 10.0.12.7/24', 5, 0)); // [{ detector: 'ip_address', start: 5, end: 14, ... }]
 */
export function ipv4Hits(text: string, c: Cluster): Hit[] {
  if (c.groups.length < 4 || c.gluedLeft || c.gluedRight) return [];
  const out: Hit[] = [];
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(c.s); m; m = IPV4.exec(c.s)) {
    const ip = m[0];
    // 0.0.0.0-style and version-looking quads of single digits carry little address information.
    // Version numbers (1.4.0.18, 2.10.0.1) look like addresses with a small first octet and small
    // others; they count only next to address words.
    // Package versions: an epoch before (1:24.3.4.5) or a suffix after (24.3.4.5+dfsg, 2.10.0.18-2).
    const before = text.charCodeAt(c.start + m.index - 1);
    const after = text.charCodeAt(c.start + m.index + ip.length);
    if (before === 0x3a || before === 0x76 || after === 0x2b || after === 0x7e || (after === 0x2d && isDigitOrLetter(text.charCodeAt(c.start + m.index + ip.length + 1)))) continue;
    const octets = ip.split('.').map(Number);
    const versionLike = octets[0]! < 10 && octets.every((o) => o < 100);
    const start = c.start + m.index;
    const end = start + ip.length;
    const confidence = versionLike ? (hasContext(text, start, end, CONTEXT.ip, 24, 8) ? 0.75 : 0.4) : 0.85;
    out.push({ detector: 'ip_address', start, end, confidence });
  }
  return out;
}
