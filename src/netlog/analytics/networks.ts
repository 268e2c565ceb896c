import { BlockList, isIP } from 'node:net';
import { MamoriError } from '../../core/index.js';

// Multicast, broadcast, link-local, loopback and unspecified addresses are nobody's "external destination".
const SPECIAL: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['224.0.0.0', 4, 'ipv4'],
  ['255.255.255.255', 32, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['0.0.0.0', 8, 'ipv4'],
  ['ff00::', 8, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['::', 128, 'ipv6'],
];

/** Where an address sits: inside the organisation, outside, or special (multicast, link-local…), or not an IP. */
export type Zone = 'internal' | 'external' | 'special' | 'invalid';

/**
 * The organisation's internal networks, with a cache in front because every record asks twice.
 *
 * @example
 * const nets = InternalNetworks.parse(['10.0.0.0/8', 'fc00::/7']);
 * nets.zone('10.1.2.3'); // 'internal'
 * nets.zone('8.8.8.8');  // 'external'
 */
export class InternalNetworks {
  private readonly list = new BlockList();
  private readonly special = new BlockList();
  private cache = new Map<string, Zone>();
  readonly cidrs: readonly string[];

  private constructor(cidrs: readonly string[]) {
    this.cidrs = Object.freeze([...cidrs]);
    for (const [a, p, t] of SPECIAL) this.special.addSubnet(a, p, t);
  }

  /** Parses CIDRs or single addresses; throws ERR_USAGE naming a bad one. */
  static parse(cidrs: readonly string[]): InternalNetworks {
    const nets = new InternalNetworks(cidrs);
    for (const raw of cidrs) {
      const c = raw.trim();
      if (c === '') continue;
      const [addr, prefix] = c.split('/');
      const family = isIP(addr ?? '');
      const max = family === 4 ? 32 : 128;
      const p = prefix === undefined ? max : Number(prefix);
      if (family === 0 || !Number.isInteger(p) || p < 0 || p > max) throw new MamoriError('ERR_USAGE', `bad internal network "${raw}"`);
      nets.list.addSubnet(addr!, p, family === 4 ? 'ipv4' : 'ipv6');
    }
    return nets;
  }

  zone(ip: string): Zone {
    let z = this.cache.get(ip);
    if (z !== undefined) return z;
    const family = isIP(ip);
    if (family === 0) z = 'invalid';
    else {
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (this.list.check(ip, type)) z = 'internal';
      else if (this.special.check(ip, type)) z = 'special';
      else z = 'external';
    }
    if (this.cache.size >= 200_000) this.cache = new Map();
    this.cache.set(ip, z);
    return z;
  }

  isInternal(ip: string): boolean {
    return this.zone(ip) === 'internal';
  }
}
