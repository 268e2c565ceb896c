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
  // IPv4 networks as [network, mask] pairs: a dotted quad is checked without BlockList's SocketAddress objects.
  private readonly v4: Array<[number, number]> = [];
  private readonly v4Special: Array<[number, number]> = [];
  readonly cidrs: readonly string[];

  private constructor(cidrs: readonly string[]) {
    this.cidrs = Object.freeze([...cidrs]);
    for (const [a, p, t] of SPECIAL) {
      this.special.addSubnet(a, p, t);
      if (t === 'ipv4') this.v4Special.push(v4Net(a, p));
    }
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
      if (family === 4) nets.v4.push(v4Net(addr!, p));
    }
    return nets;
  }

  zone(ip: string): Zone {
    let z = this.cache.get(ip);
    if (z !== undefined) return z;
    const quad = parseV4(ip);
    const family = quad >= 0 ? 4 : isIP(ip);
    if (quad >= 0) z = inV4(this.v4, quad) ? 'internal' : inV4(this.v4Special, quad) ? 'special' : 'external';
    else if (family === 0) z = 'invalid';
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

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or -1. */
function parseV4(ip: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return n * 256 + part;
}

function v4Net(addr: string, prefix: number): [number, number] {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [(parseV4(addr) & mask) >>> 0, mask];
}

function inV4(nets: ReadonlyArray<[number, number]>, ip: number): boolean {
  for (const [net, mask] of nets) if (((ip & mask) >>> 0) === net) return true;
  return false;
}
