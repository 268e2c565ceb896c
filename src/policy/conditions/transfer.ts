import { DestinationSet, type InspectContext } from '../../core/index.js';
import type { Conditions } from '../condition-schema.js';
import type { Check, CompileEnv } from '../input.js';

/** The destination host and IP of a transfer: `destHost`/`destIp`, else the URL's host. */
export function destinationOf(context: InspectContext): { host?: string; ip?: string } {
  let host = context.destHost;
  if (host === undefined && context.url !== undefined) {
    try {
      host = new URL(context.url).hostname.replace(/^\[|\]$/g, '');
    } catch {}
  }
  return { ...(host ? { host } : {}), ...(context.destIp ? { ip: context.destIp } : {}) };
}

/** One set per named list plus the inline entries; matches when any of them does. */
function namedSets(names: readonly string[], entries: readonly string[] | undefined, sets: ReadonlyMap<string, DestinationSet>) {
  const out = names.map((n) => ({ name: `list ${n}`, set: sets.get(n)! }));
  if (entries?.length) out.push({ name: `[${entries.join(', ')}]`, set: DestinationSet.parse(entries) });
  return out;
}

export function destinationCheck(cond: NonNullable<Conditions['destination']>, env: CompileEnv): Check {
  const sets = namedSets([...(cond.list !== undefined ? [cond.list] : []), ...(cond.lists ?? [])], cond.entries, env.lists);
  return {
    condition: 'destination',
    test: ({ context }) => {
      const dest = destinationOf(context);
      const shown = [dest.host, dest.ip].filter(Boolean).join(' ') || 'unknown destination';
      const hit = sets.find((s) => s.set.matches(dest));
      return { condition: 'destination', matched: hit !== undefined, why: hit ? `destination ${shown} is in ${hit.name}` : `destination ${shown} is not in ${sets.map((s) => s.name).join(' or ')}` };
    },
  };
}

export function clientCheck(cond: NonNullable<Conditions['client']>, env: CompileEnv): Check {
  const names = [...(cond.segment !== undefined ? [cond.segment] : []), ...(cond.segments ?? [])];
  const sets = namedSets(names, cond.entries, env.segments).map((s) => ({ ...s, name: s.name.replace(/^list /, 'segment ') }));
  return {
    condition: 'client',
    test: ({ context }) => {
      const ip = context.clientIp;
      const hit = ip ? sets.find((s) => s.set.matchesIp(ip)) : undefined;
      const why = !ip ? 'client address unknown' : hit ? `client ${ip} is in ${hit.name}` : `client ${ip} is not in ${sets.map((s) => s.name).join(' or ')}`;
      return { condition: 'client', matched: hit !== undefined, why };
    },
  };
}

export function quarantinedCheck(wanted: boolean, env: CompileEnv): Check {
  return {
    condition: 'quarantined',
    test: ({ context }) => {
      const ip = context.clientIp;
      const q = ip !== undefined && env.isQuarantined(ip);
      return { condition: 'quarantined', matched: q === wanted, why: !ip ? 'client address unknown (not quarantined)' : `client ${ip} is ${q ? '' : 'not '}quarantined` };
    },
  };
}

/** A case-insensitive membership test on one context field (user, method, channel). */
export function valueCheck(condition: 'user' | 'method' | 'channel', values: readonly string[]): Check {
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  return {
    condition,
    test: ({ context }) => {
      const actual = context[condition];
      const matched = actual !== undefined && wanted.has(actual.toLowerCase());
      const why = actual === undefined ? `${condition} unknown` : `${condition} ${actual} is ${matched ? '' : 'not '}one of ${values.join(', ')}`;
      return { condition, matched, why };
    },
  };
}

export function sizeCheck(cond: NonNullable<Conditions['size']>): Check {
  const { min, max } = cond;
  return {
    condition: 'size',
    test: ({ bytes }) => {
      const matched = (min === undefined || bytes >= min) && (max === undefined || bytes <= max);
      const range = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
      return { condition: 'size', matched, why: `size ${bytes} bytes is ${matched ? '' : 'not '}${range}` };
    },
  };
}
