import { isIP } from 'node:net';
import { DestinationSet, type NetFinding, type NetFindingKind } from '../core/index.js';
import { listIngestRuns, listNetFindings, type Db } from '../store/index.js';
import { InternalNetworks } from './analytics/networks.js';

export const FINDING_KINDS: readonly NetFindingKind[] = ['beacon', 'dns-tunnel', 'exfil-volume', 'long-connection', 'rare-destination', 'strobe'];

export interface HuntOptions {
  readonly org?: string;
  readonly minScore?: number;
  readonly kind?: NetFindingKind;
  /** Allow-list entries (domains with wildcard/bare-domain semantics, CIDRs); applied now, to stored findings too. */
  readonly allow?: readonly string[];
  /**
   * Internal networks: findings whose source is not internal, or whose destination is, drop out.
   * Default: the networks of the latest ingest (its `--internal` or the config then).
   */
  readonly internal?: readonly string[];
}

/**
 * Stored findings, highest score first, filtered by today's allow-list and internal networks — so a config change
 * applies to data ingested before it (a RITA complaint: filters that only touch new imports).
 *
 * @example
 * const findings = await hunt(store.db, { minScore: 0.5, allow: ['windowsupdate.com'], internal: ['10.0.0.0/8'] });
 */
export async function hunt(db: Db, opts: HuntOptions = {}): Promise<NetFinding[]> {
  const allow = DestinationSet.parse(opts.allow ?? []);
  const org = opts.org ?? 'default';
  const internal = opts.internal ?? (await listIngestRuns(db, org, 1))[0]?.internal;
  const nets = internal ? InternalNetworks.parse(internal) : null;
  const all = await listNetFindings(db, { org, minScore: opts.minScore, kind: opts.kind });
  return all.filter((f) => {
    if (allow.size > 0) {
      if (allow.matchesHost(f.dstHost)) return false;
      if (isIP(f.dst) ? allow.matchesIp(f.dst) : allow.matchesHost(f.dst)) return false;
    }
    if (nets) {
      if (isIP(f.src) && !nets.isInternal(f.src)) return false;
      if (isIP(f.dst) && nets.isInternal(f.dst)) return false;
    }
    return true;
  });
}
