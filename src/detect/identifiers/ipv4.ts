import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\d]|\.\d)/g;

/**
 * IPv4 addresses inside a cluster (dotted quad, no leading zeros, not part of a longer dotted run).
 *
 * @example
 * ipv4Hits(readCluster('from 10.0.12.7/24', 5, 0)); // [{ detector: 'ip_address', start: 5, end: 14, ... }]
 */
export function ipv4Hits(c: Cluster): Hit[] {
  if (c.groups.length < 4 || c.gluedLeft || c.gluedRight) return [];
  const out: Hit[] = [];
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(c.s); m; m = IPV4.exec(c.s)) {
    const ip = m[0];
    // 0.0.0.0-style and version-looking quads of single digits carry little address information.
    const confidence = /^\d\.\d\.\d\.\d$/.test(ip) ? 0.5 : 0.85;
    out.push({ detector: 'ip_address', start: c.start + m.index, end: c.start + m.index + ip.length, confidence });
  }
  return out;
}
