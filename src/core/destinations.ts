import { BlockList, isIP } from 'node:net';
import { MamoriError } from './errors.js';

/**
 * A set of destinations: domains and IP networks, as written in configs and allow/block lists.
 *
 * Domain semantics (the bare domain is the trap RITA users hit):
 * - `example.com`   matches `example.com` and every subdomain (`a.b.example.com`);
 * - `*.example.com` matches subdomains only, not `example.com` itself;
 * - `=example.com`  matches exactly `example.com`.
 * Comparison is case-insensitive, ignores a trailing dot, and works on IDNA (punycode) forms.
 * IP entries are single addresses or CIDRs, IPv4 or IPv6; an IPv4-mapped IPv6 address matches its IPv4 entry.
 *
 * @example
 * const allow = DestinationSet.parse(['example.com', '*.cdn.example.net', '203.0.113.0/24']);
 * allow.matchesHost('www.example.com'); // true
 * allow.matchesHost('cdn.example.net'); // false (wildcard does not cover the bare domain)
 * allow.matchesIp('203.0.113.7');       // true
 */
export class DestinationSet {
  private readonly subtree = new Set<string>();
  private readonly subdomainsOnly = new Set<string>();
  private readonly exact = new Set<string>();
  private readonly ips = new BlockList();
  private ipCount = 0;
  readonly entries: readonly string[];

  private constructor(entries: readonly string[]) {
    this.entries = Object.freeze([...entries]);
  }

  /** Parses entries; throws ERR_CONFIG naming the first bad one. */
  static parse(entries: readonly string[]): DestinationSet {
    const set = new DestinationSet(entries);
    for (const raw of entries) set.add(raw);
    return set;
  }

  get size(): number {
    return this.subtree.size + this.subdomainsOnly.size + this.exact.size + this.ipCount;
  }

  private add(raw: string): void {
    const entry = raw.trim();
    if (entry === '') return;
    const slash = entry.indexOf('/');
    const addrPart = slash >= 0 ? entry.slice(0, slash) : entry;
    const family = isIP(addrPart);
    if (family !== 0) {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (slash >= 0) {
        const prefix = Number(entry.slice(slash + 1));
        const max = family === 4 ? 32 : 128;
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new MamoriError('ERR_CONFIG', `bad CIDR prefix in "${raw}"`);
        this.ips.addSubnet(addrPart, prefix, type);
      } else {
        this.ips.addAddress(addrPart, type);
      }
      this.ipCount++;
      return;
    }
    if (entry.startsWith('*.')) this.subdomainsOnly.add(normaliseHost(entry.slice(2), raw));
    else if (entry.startsWith('=')) this.exact.add(normaliseHost(entry.slice(1), raw));
    else this.subtree.add(normaliseHost(entry.startsWith('.') ? entry.slice(1) : entry, raw));
  }

  /** True when `host` (a domain name or an IP literal) is in the set. */
  matchesHost(host: string | null | undefined): boolean {
    if (!host) return false;
    const h = host.trim().replace(/^\[|\]$/g, '');
    if (isIP(h)) return this.matchesIp(h);
    let name: string;
    try {
      name = normaliseHost(h, h);
    } catch {
      return false;
    }
    if (this.exact.has(name) || this.subtree.has(name)) return true;
    for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
      const parent = name.slice(i + 1);
      if (this.subtree.has(parent) || this.subdomainsOnly.has(parent)) return true;
    }
    return false;
  }

  /** True when the IP address is in one of the set's networks. */
  matchesIp(ip: string | null | undefined): boolean {
    if (!ip || this.ipCount === 0) return false;
    const family = isIP(ip);
    if (family === 0) return false;
    if (family === 6) {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
      if (mapped && this.ips.check(mapped[1]!, 'ipv4')) return true;
    }
    return this.ips.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** True when either the host name or the IP address is in the set. */
  matches(dest: { host?: string | null; ip?: string | null }): boolean {
    return this.matchesHost(dest.host) || this.matchesIp(dest.ip);
  }
}

function normaliseHost(host: string, raw: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === '' || h.includes('*') || /[\s/:@]/.test(h)) throw new MamoriError('ERR_CONFIG', `bad destination "${raw}"`);
  try {
    // domainToASCII is WHATWG URL's IDNA: 例え.jp -> xn--r8jz45g.jp
    return new URL(`http://${h}/`).hostname;
  } catch {
    throw new MamoriError('ERR_CONFIG', `bad destination "${raw}"`);
  }
}
