import { MamoriError } from '../core/index.js';
import { normaliseIp } from '../incidents/index.js';
import { deleteQuarantine, listQuarantine, upsertQuarantine, type Db, type QuarantineEntry } from '../store/index.js';
import { isIP } from 'node:net';

/**
 * The quarantine list: hosts whose uploads policy blocks whatever they contain. Backed by the store, held in
 * memory so that `isQuarantined` is synchronous for the policy engine; `refresh` (or `startRefresh`) picks up
 * changes made by other processes (`mamori quarantine add` while the ICAP server runs).
 *
 * @example
 * const q = await QuarantineList.open(store.db);
 * const stop = q.startRefresh(2000);
 * createPolicy({ ..., isQuarantined: (ip) => q.isQuarantined(ip) });
 */
export class QuarantineList {
  private hosts = new Set<string>();
  private readonly listeners = new Set<(ips: readonly string[]) => void>();

  private constructor(private readonly db: Db) {}

  static async open(db: Db): Promise<QuarantineList> {
    const q = new QuarantineList(db);
    await q.refresh();
    return q;
  }

  /** True when the client address is quarantined (IPv4-mapped IPv6 counts as its IPv4). */
  isQuarantined(clientIp: string | null | undefined): boolean {
    const ip = normaliseIp(clientIp);
    return ip !== null && this.hosts.has(ip);
  }

  async refresh(): Promise<void> {
    const next = new Set((await listQuarantine(this.db)).map((e) => e.ip));
    const changed = next.size !== this.hosts.size || [...next].some((ip) => !this.hosts.has(ip));
    this.hosts = next;
    if (changed) this.changed();
  }

  /** The quarantined addresses (normalised), in no particular order. */
  ips(): string[] {
    return [...this.hosts];
  }

  /**
   * Calls `listener` with the whole list whenever it changes here (refresh, add, remove), synchronously, so
   * that copies of the list (inspection workers) change before anything else is decided. Returns an unsubscribe.
   *
   * @example
   * const off = q.onChange((ips) => pool.setQuarantine(ips));
   */
  onChange(listener: (ips: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const ips = this.ips();
    for (const l of this.listeners) l(ips);
  }

  /** Refreshes every `intervalMs` until the returned function is called; a failed refresh keeps the last list. */
  startRefresh(intervalMs: number): () => void {
    const timer = setInterval(() => {
      this.refresh().catch(() => undefined);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Quarantines a host (takes effect here at once, elsewhere at the next refresh).
   *
   * @example
   * await q.add('10.0.0.5', { org: 'mof', reason: 'beaconing to 203.0.113.9', actor: 'sato' });
   */
  async add(ip: string, options: { org: string; reason: string; actor: string; incidentId?: string | null; now?: Date }): Promise<QuarantineEntry> {
    const norm = normaliseIp(ip);
    if (!norm || isIP(norm) === 0) throw new MamoriError('ERR_INPUT', `not an IP address: "${ip}"`);
    const entry: QuarantineEntry = { ip: norm, org: options.org, incidentId: options.incidentId ?? null, reason: options.reason, addedBy: options.actor, addedAt: (options.now ?? new Date()).toISOString() };
    await upsertQuarantine(this.db, entry);
    const fresh = !this.hosts.has(norm);
    this.hosts.add(norm);
    if (fresh) this.changed();
    return entry;
  }

  /** Releases a host; false when it was not quarantined. */
  async remove(ip: string): Promise<boolean> {
    const norm = normaliseIp(ip);
    if (!norm || isIP(norm) === 0) throw new MamoriError('ERR_INPUT', `not an IP address: "${ip}"`);
    if (this.hosts.delete(norm)) this.changed();
    return deleteQuarantine(this.db, norm);
  }

  list(): Promise<QuarantineEntry[]> {
    return listQuarantine(this.db);
  }
}
