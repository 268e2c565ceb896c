import { createHash } from 'node:crypto';
import { newId, type LabelTaxonomy, type MamoriEvent, type NetFinding } from '../core/index.js';
import {
  existingTimelineIds,
  getCorrelationState,
  listIncidentDestinations,
  listIncidentDocuments,
  listIncidentFindings,
  listInventory,
  listNetFindings,
  openIncidentsOfHosts,
  setCorrelationState,
  committedEventsAfter,
  dialectOf,
  eventsAfter,
  lastCommittedPosition,
  type Db,
  type DialectName,
  type InventoryEntry,
  type IncidentRecord,
  type EventCursor,
} from '../store/index.js';
import { applyEvent, carriedDocuments, isIncidentEvent } from './apply-event.js';
import { applyFinding } from './apply-finding.js';
import { incidentsConfigSchema, type IncidentsConfig } from './config.js';
import { normaliseIp } from './keys.js';
import { persist } from './persist.js';
import { severityRank } from './severity.js';
import { cleanFinding } from './validate.js';
import { finalise } from './finalise.js';
import type { IncidentState } from './state.js';

export interface CorrelatorOptions {
  readonly db: Db;
  readonly taxonomy: LabelTaxonomy;
  readonly config?: Partial<IncidentsConfig>;
  /** The store's dialect; by default read from `db`. */
  readonly dialect?: DialectName;
  /** Clock for audit and update times (tests pin it). */
  readonly now?: () => Date;
}

/** What one ingest changed. */
export interface CorrelationResult {
  readonly created: string[];
  readonly updated: string[];
  /** Incidents whose severity rose (a notice for the SIEM). */
  readonly escalated: string[];
  /** Evidence items merged (events and findings); items seen before are not counted. */
  readonly merged: number;
  /** Why input records were left out (malformed findings); the rest of the batch is still merged. */
  readonly rejected?: string[];
  /** Events read from the store (`catchUp` only): what a run cost, whether or not they were incident evidence. */
  readonly read?: number;
}

const EMPTY: CorrelationResult = Object.freeze({ created: [], updated: [], escalated: [], merged: 0 });
/** Where `catchUp` stands in the order events were stored (a `committedEventsAfter` position). */
const POSITION = 'events-position';
/** The (time, id) cursor of versions that read events by time; bridged once, then no longer read. */
const LEGACY_CURSOR = 'events-cursor';
/** The re-read window those versions used by default. */
const LEGACY_WINDOW_SECONDS = 3600;
const CACHE_LIMIT = 5000;

/**
 * Correlates upload events and network findings into incidents, one per compromised host and organisation,
 * incrementally: each ingest merges a batch into the stored incidents, in one transaction. Feeding an event or
 * a finding twice changes nothing (evidence is keyed by event id / finding key).
 *
 * @example
 * const correlator = new IncidentCorrelator({ db: store.db, taxonomy });
 * await correlator.ingestEvents(events);
 * await correlator.ingestFindings(findings, 'mof');
 * await correlator.catchUp(); // everything stored since the last run
 */
export class IncidentCorrelator {
  readonly config: IncidentsConfig;
  private readonly cache = new Map<string, IncidentState>();
  private inventoryBySha: Map<string, Map<string, InventoryEntry>> | undefined;
  private readonly inventoryByHost = new Map<string, InventoryEntry[]>();

  private readonly dialect: DialectName;

  constructor(private readonly opts: CorrelatorOptions) {
    this.config = Object.freeze(incidentsConfigSchema.parse(opts.config ?? {}));
    this.dialect = opts.dialect ?? dialectOf(opts.db);
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /** Forgets cached inventory (after `mamori scan`) and incident state. */
  reset(): void {
    this.inventoryBySha = undefined;
    this.inventoryByHost.clear();
    this.cache.clear();
  }

  /**
   * Merges a batch of events. Events that are not about an incident (allowed uploads of nothing sensitive) are skipped.
   *
   * @example
   * const { created } = await correlator.ingestEvents(events);
   */
  async ingestEvents(events: readonly MamoriEvent[]): Promise<CorrelationResult> {
    const bySha = await this.sensitiveInventory();
    const picked = new Map<string, { e: MamoriEvent; carried: ReturnType<typeof carriedDocuments> }>();
    for (const e of events) {
      const carried = carriedDocuments(e, bySha.get(e.org));
      if (isIncidentEvent(e, carried, this.opts.taxonomy)) picked.set(e.id, { e, carried });
    }
    if (picked.size === 0) return EMPTY;
    return this.transaction(async (trx) => {
      const seen = await existingTimelineIds(trx, [...picked.keys()].map((id) => `event:${id}`));
      const fresh = [...picked.values()].filter((p) => !seen.has(`event:${p.e.id}`));
      if (fresh.length === 0) return EMPTY;
      fresh.sort((a, b) => (a.e.time < b.e.time ? -1 : a.e.time > b.e.time ? 1 : 0));
      const states = await this.resolve(trx, fresh.map((p) => ({ org: p.e.org, host: normaliseIp(p.e.clientIp)!, time: p.e.time })));
      for (const p of fresh) applyEvent(states.get(`${p.e.org}|${normaliseIp(p.e.clientIp)}`)!, p.e, p.carried, this.opts.taxonomy);
      return this.finish(trx, [...new Set(states.values())], fresh.length);
    });
  }

  /**
   * Merges a batch of network findings of one organisation. Findings at or above `openOnFindingSeverity` open an
   * incident for their source host; weaker ones join the host's open incident if there is one.
   *
   * @example
   * await correlator.ingestFindings(findings, 'mof');
   */
  async ingestFindings(findings: readonly NetFinding[], org = 'default'): Promise<CorrelationResult> {
    const valid: NetFinding[] = [];
    const rejected: string[] = [];
    for (const f of findings) {
      const r = cleanFinding(f);
      if (r.ok) valid.push(r.value);
      else rejected.push(r.error);
    }
    if (valid.length === 0) return { ...EMPTY, rejected };
    return this.transaction(async (trx) => {
      const open = await openIncidentsOfHosts(trx, valid.map((f) => normaliseIp(f.src)!));
      const hasOpen = new Set(open.filter((r) => r.org === org).map((r) => r.host));
      const floor = severityRank(this.config.openOnFindingSeverity);
      const wanted = valid.filter((f) => severityRank(f.severity) >= floor || hasOpen.has(normaliseIp(f.src)!));
      if (wanted.length === 0) return { ...EMPTY, rejected };
      const states = await this.resolve(trx, wanted.map((f) => ({ org, host: normaliseIp(f.src)!, time: f.firstSeen })));
      const changed = new Set<IncidentState>();
      for (const f of wanted) {
        const state = states.get(`${org}|${normaliseIp(f.src)}`)!;
        if (applyFinding(state, f) || state.isNew) changed.add(state);
      }
      if (changed.size === 0) return { ...EMPTY, rejected };
      return { ...(await this.finish(trx, [...changed], [...changed].reduce((n, s) => n + s.dirtyFindings.size, 0))), rejected };
    });
  }

  /**
   * Correlates every event stored since the last run, in the order events were stored (commit order), so an event
   * that arrives days late or from a sensor whose clock is behind is read exactly once, after its arrival. Incidents
   * still place it by its own time (first seen, timeline). The position is saved after every page: an interrupted
   * run resumes there, and evidence merged before is skipped.
   *
   * @example
   * const result = await correlator.catchUp({ pageSize: 5000 });
   */
  async catchUp(options: { pageSize?: number } = {}): Promise<CorrelationResult> {
    const pageSize = options.pageSize ?? 5000;
    const { db } = this.opts;
    const total = new Totals();
    let position = await getCorrelationState(db, POSITION);
    if (position === undefined) {
      const legacy = await getCorrelationState(db, LEGACY_CURSOR);
      position = legacy ? await this.bridgeLegacyCursor(JSON.parse(legacy) as EventCursor, pageSize, total) : '';
    }
    for (;;) {
      const page = await committedEventsAfter(db, this.dialect, position, pageSize);
      if (page.length === 0) break;
      total.add(await this.ingestEvents(page.map((c) => c.event)), page.length);
      position = page[page.length - 1]!.position;
      await setCorrelationState(db, POSITION, position);
      if (page.length < pageSize) break;
    }
    return total.result();
  }

  /**
   * First run on a store correlated by a version that kept a (time, id) cursor: that version read every event
   * timed up to its re-read window before the cursor, so re-reading from there (not from the start) and then
   * following commit order from the position of "now" misses nothing it would have seen. Events timed before
   * that window and stored after its last run were beyond its reach and stay so; re-reading everything is
   * possible by deleting both the `events-cursor` and `events-position` states (merged evidence is skipped, so that
   * only costs time).
   */
  private async bridgeLegacyCursor(last: EventCursor, pageSize: number, total: Totals): Promise<string> {
    const { db } = this.opts;
    // Taken first: whatever commits from now on lies after it in commit order and is read by the main loop.
    const start = await lastCommittedPosition(db, this.dialect);
    const windowMs = (this.config.lateArrivalSeconds ?? LEGACY_WINDOW_SECONDS) * 1000;
    let cursor: EventCursor = { time: new Date(Date.parse(last.time) - windowMs).toISOString(), id: '' };
    for (;;) {
      const page = await eventsAfter(db, cursor, pageSize);
      if (page.length === 0) break;
      total.add(await this.ingestEvents(page), page.length);
      const tail = page[page.length - 1]!;
      cursor = { time: tail.time, id: tail.id };
      if (page.length < pageSize) break;
    }
    await setCorrelationState(db, POSITION, start);
    return start;
  }

  /**
   * Merges the organisation's stored network findings (`mamori hunt` keeps the latest set per organisation);
   * skipped when the set is unchanged since the last run.
   *
   * @example
   * await correlator.catchUpFindings('mof');
   */
  async catchUpFindings(org: string): Promise<CorrelationResult> {
    const findings = await listNetFindings(this.opts.db, { org, limit: 1_000_000 });
    const digest = createHash('sha256').update(JSON.stringify(findings)).digest('hex');
    const name = `findings-digest:${org}`;
    if ((await getCorrelationState(this.opts.db, name)) === digest) return EMPTY;
    const total = new Totals();
    for (let i = 0; i < findings.length; i += 5000) total.add(await this.ingestFindings(findings.slice(i, i + 5000), org));
    await setCorrelationState(this.opts.db, name, digest);
    const { read: _read, ...result } = total.result();
    return { ...result, rejected: total.rejected };
  }

  private async transaction(work: (trx: Db) => Promise<CorrelationResult>): Promise<CorrelationResult> {
    try {
      return await this.opts.db.transaction().execute(work);
    } catch (e) {
      // Cached state may hold changes that were rolled back.
      this.cache.clear();
      throw e;
    }
  }

  private async sensitiveInventory(): Promise<Map<string, Map<string, InventoryEntry>>> {
    if (this.inventoryBySha) return this.inventoryBySha;
    const t = this.opts.taxonomy;
    const labels = t.labels.filter((l) => l.rank > t.rank(t.lowest)).map((l) => l.id);
    const byOrg = new Map<string, Map<string, InventoryEntry>>();
    for (const e of await listInventory(this.opts.db, { labels, limit: 1_000_000 })) {
      let m = byOrg.get(e.org);
      if (!m) byOrg.set(e.org, (m = new Map()));
      m.set(e.sha256, e);
    }
    this.inventoryBySha = byOrg;
    return byOrg;
  }

  /** Sensitive inventoried files of a host, under its address and any configured names. */
  async hostInventory(db: Db, org: string, host: string): Promise<InventoryEntry[]> {
    const key = `${org}|${host}`;
    const cached = this.inventoryByHost.get(key);
    if (cached) return cached;
    const t = this.opts.taxonomy;
    const labels = t.labels.filter((l) => l.rank > t.rank(t.lowest)).map((l) => l.id);
    const names = [host, ...(this.config.hostAliases[host] ?? [])];
    const out: InventoryEntry[] = [];
    for (const name of names) out.push(...(await listInventory(db, { org, host: name, labels })));
    this.inventoryByHost.set(key, out);
    return out;
  }

  /** The open incident of each (org, host), loaded or created. */
  private async resolve(trx: Db, keys: readonly { org: string; host: string; time: string }[]): Promise<Map<string, IncidentState>> {
    const wanted = new Map<string, { org: string; host: string; time: string }>();
    for (const k of keys) {
      const key = `${k.org}|${k.host}`;
      const prev = wanted.get(key);
      if (!prev || k.time < prev.time) wanted.set(key, k);
    }
    const chosen = new Map<string, IncidentRecord>();
    for (const r of await openIncidentsOfHosts(trx, [...new Set(keys.map((k) => k.host))])) {
      const key = `${r.org}|${r.host}`;
      if (!wanted.has(key)) continue;
      const prev = chosen.get(key);
      if (!prev || r.lastSeen > prev.lastSeen) chosen.set(key, r);
    }
    const stale = [...chosen.values()].filter((r) => this.cache.get(r.id)?.record.updatedAt !== r.updatedAt).map((r) => r.id);
    if (stale.length > 0) await this.load(trx, [...chosen.values()].filter((r) => stale.includes(r.id)));
    const out = new Map<string, IncidentState>();
    for (const [key, k] of wanted) {
      const rec = chosen.get(key);
      let state = rec ? this.cache.get(rec.id) : undefined;
      if (!state) {
        const t = k.time;
        const id = newId('inc', Date.parse(t) || Date.now());
        const now = this.now().toISOString();
        state = emptyState({ id, org: k.org, host: k.host, status: 'new', severity: 'low', assignee: null, topLabel: this.opts.taxonomy.lowest, docCount: 0, leaked: false, firstSeen: t, lastSeen: t, createdAt: now, updatedAt: now }, true);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(id, state);
      }
      out.set(key, state);
    }
    return out;
  }

  private async load(trx: Db, records: readonly IncidentRecord[]): Promise<void> {
    const ids = records.map((r) => r.id);
    const [docs, dests, findings] = await Promise.all([listIncidentDocuments(trx, ids), listIncidentDestinations(trx, { incidentIds: ids }), listIncidentFindings(trx, ids)]);
    if (this.cache.size + records.length > CACHE_LIMIT) this.cache.clear();
    for (const r of records) this.cache.set(r.id, emptyState(r, false));
    for (const d of docs) this.cache.get(d.incidentId)!.docs.set(d.docId, { ...d, destinations: [...d.destinations], eventIds: [...d.eventIds] });
    for (const d of dests) this.cache.get(d.incidentId)!.dests.set(d.key, { ...d });
    for (const f of findings) this.cache.get(f.incidentId)!.findings.set(f.key, { ...f, reasons: [...f.reasons] });
  }

  private async finish(trx: Db, states: readonly IncidentState[], merged: number): Promise<CorrelationResult> {
    const now = this.now();
    for (const s of states) await finalise(s, { taxonomy: this.opts.taxonomy, config: this.config, inventory: (org, host) => this.hostInventory(trx, org, host) });
    const result = await persist(trx, states, now);
    return { ...result, merged };
  }
}

/** The union of several batches' results; an incident created in one batch is not also "updated". */
class Totals {
  private readonly created = new Set<string>();
  private readonly updated = new Set<string>();
  private readonly escalated = new Set<string>();
  private merged = 0;
  private read = 0;
  readonly rejected: string[] = [];

  add(r: CorrelationResult, read = 0): void {
    r.created.forEach((id) => this.created.add(id));
    r.updated.forEach((id) => this.updated.add(id));
    r.escalated.forEach((id) => this.escalated.add(id));
    this.merged += r.merged;
    this.read += read;
    this.rejected.push(...(r.rejected ?? []));
  }

  result(): CorrelationResult {
    const updated = [...this.updated].filter((id) => !this.created.has(id));
    return { created: [...this.created], updated, escalated: [...this.escalated], merged: this.merged, read: this.read };
  }
}

function emptyState(record: IncidentRecord, isNew: boolean): IncidentState {
  return {
    record: { ...record },
    docs: new Map(),
    dests: new Map(),
    findings: new Map(),
    dirtyDocs: new Set(),
    dirtyDests: new Set(),
    dirtyFindings: new Set(),
    newDests: new Set(),
    timeline: [],
    dirty: false,
    isNew,
    severityBefore: record.severity,
    firstSeenBefore: record.firstSeen,
  };
}
