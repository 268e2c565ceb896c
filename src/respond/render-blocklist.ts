import { isIP } from 'node:net';
import type { BlocklistEntry } from '../store/index.js';

const HEADER = (what: string, at: string) => `# mamori block list (${what}), generated ${at}. Do not edit: regenerated from incidents.\n`;

/** Domains in Squid `dstdomain` form: `.example.com` covers the domain and its subdomains; covered entries are dropped (Squid rejects overlaps). */
export function squidDomains(entries: readonly BlocklistEntry[]): string[] {
  const names = domainNames(entries);
  const set = new Set(names);
  const kept = names.filter((n) => {
    for (let i = n.indexOf('.'); i >= 0; i = n.indexOf('.', i + 1)) if (set.has(n.slice(i + 1))) return false;
    return true;
  });
  return kept.sort().map((n) => `.${n}`);
}

/** Domain names, lower-case without a trailing dot; anything that is not a plain (punycode) name is left out. */
export function domainNames(entries: readonly BlocklistEntry[]): string[] {
  const names = entries.filter((e) => e.kind === 'domain').map((e) => e.value.toLowerCase().replace(/\.$/, ''));
  return [...new Set(names)].filter((n) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(n)).sort();
}

/** Addresses and networks, IPv4 then IPv6, each sorted. */
export function addresses(entries: readonly BlocklistEntry[]): { v4: string[]; v6: string[] } {
  const v4 = new Set<string>();
  const v6 = new Set<string>();
  for (const e of entries) {
    if (e.kind !== 'ip') continue;
    const [addr, prefix] = e.value.split('/');
    const family = isIP(addr ?? '');
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) continue;
    (family === 4 ? v4 : v6).add(e.value);
  }
  return { v4: [...v4].sort(), v6: [...v6].sort() };
}

/**
 * A Squid `dstdomain` ACL file (`acl mamori_block dstdomain "/etc/squid/mamori-block-dstdomain.acl"`).
 *
 * @example
 * writeFileAtomic(path, renderSquidDstdomain(entries));
 */
export function renderSquidDstdomain(entries: readonly BlocklistEntry[], now = new Date()): string {
  return HEADER('squid dstdomain', now.toISOString()) + squidDomains(entries).map((d) => `${d}\n`).join('');
}

/**
 * A Squid `dst` ACL file of addresses and networks.
 *
 * @example
 * writeFileAtomic(path, renderSquidDst(entries));
 */
export function renderSquidDst(entries: readonly BlocklistEntry[], now = new Date()): string {
  const { v4, v6 } = addresses(entries);
  return HEADER('squid dst', now.toISOString()) + [...v4, ...v6].map((a) => `${a}\n`).join('');
}

/**
 * An nftables script that (re)fills the sets `block_v4` / `block_v6` of table `inet mamori` in one transaction
 * (`nft -f file`): the table and sets are declared, flushed, then filled. Rules elsewhere reference them, e.g.
 * `ip daddr @block_v4 drop`.
 *
 * @example
 * writeFileAtomic('/etc/nftables.d/mamori.nft', renderNftables(entries));
 */
export function renderNftables(entries: readonly BlocklistEntry[], options: { table?: string; now?: Date } = {}): string {
  const table = options.table ?? 'mamori';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(table)) throw new Error(`bad nftables table name "${table}"`);
  const { v4, v6 } = addresses(entries);
  const lines = [
    HEADER('nftables sets', (options.now ?? new Date()).toISOString()).trimEnd(),
    `table inet ${table} {`,
    '  set block_v4 { type ipv4_addr; flags interval; }',
    '  set block_v6 { type ipv6_addr; flags interval; }',
    '}',
    `flush set inet ${table} block_v4`,
    `flush set inet ${table} block_v6`,
  ];
  if (v4.length) lines.push(`add element inet ${table} block_v4 { ${v4.join(', ')} }`);
  if (v6.length) lines.push(`add element inet ${table} block_v6 { ${v6.join(', ')} }`);
  return `${lines.join('\n')}\n`;
}

/**
 * One destination per line (domains, then addresses) for tools that take a plain list.
 *
 * @example
 * process.stdout.write(renderPlainList(entries));
 */
export function renderPlainList(entries: readonly BlocklistEntry[]): string {
  const domains = domainNames(entries);
  const { v4, v6 } = addresses(entries);
  return [...domains, ...v4, ...v6].map((v) => `${v}\n`).join('');
}
