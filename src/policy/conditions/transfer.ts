import { DestinationSet, type InspectContext } from '../../core/index.js';
import type { Conditions } from '../condition-schema.js';
import type { Check, CompileEnv } from '../input.js';

type Dest = { host?: string; ip?: string };
const destinations = new WeakMap<InspectContext, Dest>();
const destMatches = new WeakMap<InspectContext, Map<DestinationSet, boolean>>();
const clientMatches = new WeakMap<InspectContext, Map<DestinationSet, boolean>>();

/**
 * The destination host and IP of a transfer: `destHost`/`destIp`, else the URL's host (absolute or
 * authority form, as in CONNECT). A port or IPv6 brackets a proxy left on the host are dropped. Memoised per context.
 *
 * @example
 * destinationOf({ channel: 'icap', url: 'https://files.example.net:8443/up' }); // { host: 'files.example.net' }
 */
export function destinationOf(context: InspectContext): Dest {
  const known = destinations.get(context);
  if (known) return known;
  let host = context.destHost !== undefined ? stripPort(context.destHost.trim()) : undefined;
  if (!host && context.url !== undefined) {
    try {
      const u = context.url.includes('//') ? context.url : `http://${context.url}`;
      host = new URL(u).hostname.replace(/^\[|\]$/g, '') || undefined;
    } catch {}
  }
  const dest = { ...(host ? { host } : {}), ...(context.destIp ? { ip: context.destIp } : {}) };
  destinations.set(context, dest);
  return dest;
}

/** `example.com:443` → `example.com`, `[2001:db8::1]:8080` → `2001:db8::1`; a bare IPv6 address stays. */
function stripPort(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  const m = /^([^:]+):\d+$/.exec(host);
  return m ? m[1]! : host;
}

/**
 * Set membership of a context's destination (or client), memoised per context: many rules test the same
 * lists for one decision, and an IP lookup costs microseconds (node's BlockList builds a SocketAddress).
 */
function memoised(memos: WeakMap<InspectContext, Map<DestinationSet, boolean>>, context: InspectContext, set: DestinationSet, test: () => boolean): boolean {
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new Map()));
  let hit = memo.get(set);
  if (hit === undefined) memo.set(set, (hit = test()));
  return hit;
}

const inSet = (context: InspectContext, set: DestinationSet) => memoised(destMatches, context, set, () => set.matches(destinationOf(context)));
const clientIn = (context: InspectContext, set: DestinationSet) => context.clientIp !== undefined && memoised(clientMatches, context, set, () => set.matchesIp(context.clientIp));

/** One set per named list plus the inline entries; matches when any of them does. */
function namedSets(kind: string, names: readonly string[], entries: readonly string[] | undefined, sets: ReadonlyMap<string, DestinationSet>) {
  const out = names.map((n) => ({ name: `${kind} ${n}`, set: sets.get(n)! }));
  if (entries?.length) out.push({ name: `[${entries.join(', ')}]`, set: DestinationSet.parse(entries) });
  return out;
}

export function destinationCheck(cond: NonNullable<Conditions['destination']>, env: CompileEnv): Check {
  const sets = namedSets('list', [...(cond.list !== undefined ? [cond.list] : []), ...(cond.lists ?? [])], cond.entries, env.lists);
  return {
    condition: 'destination',
    holds: ({ context }) => sets.some((s) => inSet(context, s.set)),
    why: ({ context }) => {
      const dest = destinationOf(context);
      const shown = [dest.host, dest.ip].filter(Boolean).join(' ') || 'unknown destination';
      const hit = sets.find((s) => inSet(context, s.set));
      return hit ? `destination ${shown} is in ${hit.name}` : `destination ${shown} is not in ${sets.map((s) => s.name).join(' or ')}`;
    },
  };
}

export function clientCheck(cond: NonNullable<Conditions['client']>, env: CompileEnv): Check {
  const names = [...(cond.segment !== undefined ? [cond.segment] : []), ...(cond.segments ?? [])];
  const sets = namedSets('segment', names, cond.entries, env.segments);
  return {
    condition: 'client',
    holds: ({ context }) => sets.some((s) => clientIn(context, s.set)),
    why: ({ context }) => {
      const ip = context.clientIp;
      const h = sets.find((s) => clientIn(context, s.set));
      return !ip ? 'client address unknown' : h ? `client ${ip} is in ${h.name}` : `client ${ip} is not in ${sets.map((s) => s.name).join(' or ')}`;
    },
  };
}

export function quarantinedCheck(wanted: boolean, env: CompileEnv): Check {
  const quarantined = (ip: string | undefined) => ip !== undefined && env.isQuarantined(ip);
  return {
    condition: 'quarantined',
    holds: ({ context }) => quarantined(context.clientIp) === wanted,
    why: ({ context }, matched) => {
      const ip = context.clientIp;
      const q = matched === wanted;
      return !ip ? 'client address unknown (not quarantined)' : `client ${ip} is ${q ? '' : 'not '}quarantined`;
    },
  };
}

/** A case-insensitive membership test on one context field (user, method, channel). */
export function valueCheck(condition: 'user' | 'method' | 'channel', values: readonly string[]): Check {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  const has = (actual: string | undefined) => {
    if (actual === undefined) return false;
    const a = actual.toLowerCase();
    return wanted.has(a) || (condition === 'user' && wanted.has(bareUser(a)));
  };
  return {
    condition,
    holds: ({ context }) => has(context[condition]),
    why: ({ context }, matched) => {
      const actual = context[condition];
      return actual === undefined ? `${condition} unknown` : `${condition} ${actual} is ${matched ? '' : 'not '}one of ${values.join(', ')}`;
    },
  };
}

/**
 * A proxy user name without its domain, so `tanaka` in a rule matches `MINISTRY\tanaka`,
 * `WinNT://MINISTRY/tanaka` and `tanaka@ministry.example` as proxies report them.
 */
export function bareUser(name: string): string {
  const afterPath = name.slice(Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/')) + 1);
  const at = afterPath.indexOf('@');
  return at > 0 ? afterPath.slice(0, at) : afterPath;
}

export function sizeCheck(cond: NonNullable<Conditions['size']>): Check {
  const { min, max } = cond;
  const range = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
  return {
    condition: 'size',
    holds: ({ bytes }) => (min === undefined || bytes >= min) && (max === undefined || bytes <= max),
    why: ({ bytes }, matched) => `size ${bytes} bytes is ${matched ? '' : 'not '}${range}`,
  };
}
