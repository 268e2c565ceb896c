import type { DnsSummary, PairSummary } from '../../store/index.js';
import type { ConnRecord, DnsRecord, FilesRecord, HttpRecord, RecordSink, SslRecord } from '../records.js';
import { DnsState } from './dns-state.js';
import type { InternalNetworks } from './networks.js';
import { PairState } from './pair-state.js';
import { registeredDomain } from './registered-domain.js';

const DATA_TYPES = new Set(['TXT', 'NULL', 'ANY', 'CNAME', 'MX', 'SRV', 'KEY', 'PRIVATE']);
const MAX_NAMES = 200_000;

/** Counts of what the aggregate kept and left out, for the ingest report. */
export interface DirectionCounts {
  outbound: number;
  inbound: number;
  internal: number;
  other: number;
}

/** Pairs and DNS summaries handed to the store when the aggregate flushes. */
export interface FlushBatch {
  readonly pairs: PairState[];
  readonly dns: DnsState[];
}

/**
 * The ingest-time aggregate: a RecordSink that keeps one state per (internal source, external destination)
 * pair — by address, and by host/SNI where http/ssl/proxy logs name it — and per (source, registered domain).
 * Internal↔internal and external→external traffic is counted but not kept.
 *
 * @example
 * const agg = new NetAggregate(InternalNetworks.parse(['10.0.0.0/8']));
 * await readLogFile('conn.log', agg);
 * const { pairs, dns } = agg.take();
 */
export class NetAggregate implements RecordSink {
  pairs = new Map<string, PairState>();
  dnsStates = new Map<string, DnsState>();
  private names = new Map<string, string>();
  readonly directions: DirectionCounts = { outbound: 0, inbound: 0, internal: 0, other: 0 };
  /** Timestamps buffered in pair states and not yet folded into their histograms. */
  buffered = 0;
  filesSeen = 0;

  constructor(private readonly nets: InternalNetworks) {}

  /** Number of states held; the ingest flushes to the store past a bound. */
  get size(): number {
    return this.pairs.size + this.dnsStates.size;
  }

  private outbound(src: string, dst: string): boolean {
    const zs = this.nets.zone(src);
    const zd = dst === '' ? 'external' : this.nets.zone(dst);
    if (zs === 'internal' && zd === 'external') {
      this.directions.outbound++;
      this.buffered++;
      return true;
    }
    if (zs === 'external' && zd === 'internal') this.directions.inbound++;
    else if (zs === 'internal' && zd === 'internal') this.directions.internal++;
    else this.directions.other++;
    return false;
  }

  private pair(key: string, kind: 'ip' | 'host', src: string, dst: string): PairState {
    let p = this.pairs.get(key);
    if (p === undefined) {
      p = new PairState(key, kind, src, dst);
      this.pairs.set(key, p);
    }
    return p;
  }

  private nameFor(ip: string, host: string): void {
    if (host === '' || ip === '') return;
    if (this.names.size >= MAX_NAMES) this.names = new Map();
    this.names.set(ip, host.toLowerCase());
  }

  conn(r: ConnRecord): void {
    if (!this.outbound(r.src, r.dst)) return;
    this.pair(r.src + '\t' + r.dst, 'ip', r.src, r.dst).add(r.ts, r.dport, r.origBytes, r.respBytes, r.duration, r.state);
  }

  http(r: HttpRecord): void {
    if (!this.outbound(r.src, r.dst)) return;
    const host = (r.host || r.dst).toLowerCase();
    if (host === '') return;
    const p = this.pair(r.src + '\th:' + host, 'host', r.src, r.dst);
    if (r.dst !== '') p.dst = r.dst;
    p.dstHost = host;
    p.add(r.ts, r.dport, r.requestBytes, r.responseBytes, r.duration, '');
    this.nameFor(r.dst, r.host);
  }

  ssl(r: SslRecord): void {
    if (!this.outbound(r.src, r.dst) || r.serverName === '') return;
    const host = r.serverName.toLowerCase();
    const p = this.pair(r.src + '\th:' + host, 'host', r.src, r.dst);
    p.dst = r.dst;
    p.dstHost = host;
    p.add(r.ts, r.dport, 0, 0, 0, '');
    this.nameFor(r.dst, host);
  }

  dns(r: DnsRecord): void {
    for (const a of r.answers) if (a.indexOf(':') >= 0 || /^\d+\.\d+\.\d+\.\d+$/.test(a)) this.nameFor(a, r.query);
    if (!this.nets.isInternal(r.src)) return;
    const q = r.query.toLowerCase().replace(/\.$/, '');
    if (q === '' || q.indexOf('.') < 0 || q.endsWith('.arpa') || q.endsWith('.local')) return;
    const reg = registeredDomain(q);
    const sub = q.length > reg.length ? q.slice(0, q.length - reg.length - 1) : '';
    const nx = r.rcode === 'NXDOMAIN';
    const key = r.src + '\t' + reg;
    let d = this.dnsStates.get(key);
    if (d === undefined) this.dnsStates.set(key, (d = new DnsState(key, r.src, reg)));
    d.add(r.ts, sub, nx, DATA_TYPES.has(r.qtype), true);
    const allKey = r.src + '\t*';
    let all = this.dnsStates.get(allKey);
    if (all === undefined) this.dnsStates.set(allKey, (all = new DnsState(allKey, r.src, '*')));
    all.add(r.ts, reg, nx, false, false);
  }

  files(_r: FilesRecord): void {
    this.filesSeen++;
  }

  /** Folds every pair's buffered timestamps (sorted per pair) into its histograms, bounding memory on long inputs. */
  foldAll(): void {
    for (const p of this.pairs.values()) p.fold();
    this.buffered = 0;
  }

  /** Hands over every state (naming address pairs from SNI/Host/DNS answers) and starts empty. */
  take(): FlushBatch {
    const pairs = [...this.pairs.values()];
    for (const p of pairs) if (p.kind === 'ip' && p.dstHost === null) p.dstHost = this.names.get(p.dst) ?? null;
    const batch = { pairs, dns: [...this.dnsStates.values()] };
    this.pairs = new Map();
    this.dnsStates = new Map();
    this.buffered = 0;
    return batch;
  }
}

/**
 * Merges a batch with stored summaries.
 *
 * @example
 * const { pairs, dns } = mergeBatch(agg.take(), storedPairs, storedDns);
 */
export function mergeBatch(batch: FlushBatch, storedPairs: Map<string, PairSummary>, storedDns: Map<string, DnsSummary>): { pairs: PairSummary[]; dns: DnsSummary[] } {
  return {
    pairs: batch.pairs.map((p) => p.merge(storedPairs.get(p.key))),
    dns: batch.dns.map((d) => d.merge(storedDns.get(d.key))),
  };
}
