import type { NetFinding } from '../core/index.js';

/**
 * A network finding's identity across re-runs of the analytics: kind, source, destination and port.
 *
 * @example
 * findingKey({ kind: 'beacon', src: '10.0.0.5', dst: '203.0.113.9', port: 443, ... }); // 'beacon|10.0.0.5|203.0.113.9|443'
 */
export function findingKey(f: Pick<NetFinding, 'kind' | 'src' | 'dst' | 'port'>): string {
  return `${f.kind}|${f.src}|${f.dst}|${f.port ?? ''}`;
}

/** Lower-cased host name without a trailing dot, or null. */
export function normaliseHostName(host: string | null | undefined): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return h === '' ? null : h;
}

/**
 * A client or destination address in one spelling: IPv4-mapped IPv6 as IPv4, IPv6 compressed and lower-case.
 *
 * @example
 * normaliseIp('::FFFF:10.0.0.5'); // '10.0.0.5'
 */
export function normaliseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const t = ip.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(t);
  if (mapped) return mapped[1]!;
  if (!t.includes(':')) return t;
  try {
    return new URL(`http://[${t}]/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return t.toLowerCase();
  }
}
