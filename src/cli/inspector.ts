import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDetectorSet } from '../detect/index.js';
import { createInspector, type SplittableInspector } from '../inspect.js';
import { createPolicyEngine, type CompiledPolicy, type PolicyConfig, type PolicyEngine } from '../policy/index.js';
import { followRegistry, loadDocumentIndex, snapshotTarget, type RegistryUpdate, type SnapshotTarget } from '../registry/index.js';
import { QuarantineList } from '../respond/index.js';
import type { Db } from '../store/index.js';
import type { CliContext } from './context.js';

/** What a command inspects with, and the compiled policy for explaining its verdicts. */
export interface CliInspector {
  readonly inspector: SplittableInspector;
  /** Whether any document is registered (a split inspection then gives one thread the lookup alone). */
  hasDocuments(): boolean;
  /** The policy in force now (a live inspector may switch to a newer one: read it at each use). */
  readonly policy: CompiledPolicy;
  /** Stops refreshing the quarantine list and the registry, writing the index snapshot if it changed (long-running services). */
  stop(): Promise<void>;
  /** Re-reads the quarantine list and the registry now (live services; copies are told through `listeners`). */
  refresh(): Promise<void>;
  /** The quarantined addresses now. */
  quarantined(): string[];
  /** The index snapshot this inspector started from, if snapshots are on (copies start from it too). */
  readonly snapshot?: SnapshotTarget;
  /**
   * What this inspector classifies with: mamori's version, the detection-relevant config and the registry's
   * state. An inventory entry recorded under another key is stale even if its file did not change.
   */
  readonly scannerKey: string;
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function scannerKey(config: CliContext['config'], versions: ReadonlyMap<string, string>): string {
  const { labels, extract, detect, classify, fingerprint } = config;
  const registry = [...versions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify({ v: PACKAGE_VERSION, labels, extract, detect, classify, fingerprint, registry })).digest('hex').slice(0, 32);
}

/** Told whenever a live inspector's state changes, to keep copies of it (inspection workers) the same. */
export interface LiveStateListeners {
  quarantine(ips: readonly string[]): void;
  registry(update: RegistryUpdate): void;
  /** A newer policy was saved and now applies. */
  policy?(policy: PolicyConfig): void;
}

/**
 * Where a live inspector finds newer policies (the console's saved versions): the version it starts with
 * (its config's policy) and how to read the latest; a version that does not compile is logged and skipped.
 */
export interface PolicyFollow {
  readonly version: number;
  /** The latest version; `policy()` reads it (and may throw when it does not parse). */
  latest(): Promise<{ readonly version: number; policy(): PolicyConfig } | undefined>;
}

/**
 * The inspector a command uses: the configured detectors, the registered-document index and the
 * quarantine list from the store, and the configured policy. One place, so every command inspects the same way.
 *
 * @example
 * const { inspector, policy } = await buildInspector(ctx);
 */
export async function buildInspector(
  ctx: CliContext,
  db?: Db,
  options: { live?: boolean; listeners?: LiveStateListeners; policyFollow?: PolicyFollow } = {},
): Promise<CliInspector> {
  const store = db ? undefined : await ctx.openStore();
  try {
    const source = db ?? store!.db;
    const snapshot = ctx.config.fingerprint.snapshot ? snapshotTarget(ctx.config.fingerprint.snapshotDir ?? ctx.dataDir, ctx.storeConfig, ctx.config.org) : undefined;
    const log = (m: string): void => void process.stderr.write(`mamori: ${m}\n`);
    const { index, stale, allowErrors, versions } = await loadDocumentIndex(source, ctx.config, { ...(snapshot ? { snapshot } : {}), log });
    if (stale.length > 0) process.stderr.write(`mamori: ${stale.length} registered documents use an older fingerprint scheme and are ignored; register them again (first: ${stale[0]})\n`);
    for (const e of allowErrors) process.stderr.write(`mamori: allow-corpus file skipped: ${e}\n`);
    const quarantine = await QuarantineList.open(source);
    const detectors = createDetectorSet(ctx.config.detect);
    const policyOptions = { detectors: detectors.detectors.map((d) => d.id), isQuarantined: (ip: string) => quarantine.isQuarantined(ip) };
    const current = { policy: createPolicyEngine(ctx.config.policy, ctx.taxonomy, policyOptions), version: options.policyFollow?.version ?? 0 };
    const livePolicy: PolicyEngine = { decide: (input) => current.policy.decide(input) };
    // A live service keeps its own store open (db given) and follows quarantine changes made elsewhere.
    // A live service keeps its document index current the same way.
    const live = options.live && db;
    const listeners = options.listeners;
    const unlisten = live && listeners ? quarantine.onChange((ips) => listeners.quarantine(ips)) : () => undefined;
    const stopQuarantine = live ? quarantine.startRefresh(ctx.config.respond.quarantineRefreshMs) : () => undefined;
    const follower = live
      ? followRegistry(db, ctx.config, index, versions, ctx.config.icap.registryRefreshMs, {
          ...(snapshot ? { snapshot } : {}),
          log,
          ...(listeners ? { onUpdate: (u: RegistryUpdate) => listeners.registry(u) } : {}),
        })
      : undefined;
    const follow = live ? options.policyFollow : undefined;
    const refreshPolicy = async (): Promise<void> => {
      const latest = await follow?.latest();
      if (!latest || latest.version === current.version) return;
      try {
        const config = latest.policy();
        current.policy = createPolicyEngine(config, ctx.taxonomy, policyOptions);
        current.version = latest.version;
        listeners?.policy?.(config);
        log(`policy version ${latest.version} applies now`);
      } catch (e) {
        // Saved versions were checked when saved; one that no longer parses or compiles (a detector removed since) is skipped.
        current.version = latest.version;
        log(`policy version ${latest.version} not applied, the previous one stays: ${(e as Error).message}`);
      }
    };
    let polling = false;
    const policyTimer = follow
      ? setInterval(() => {
          if (polling) return;
          polling = true;
          void refreshPolicy()
            .catch((e: unknown) => log(`policy check failed: ${(e as Error).message}`))
            .finally(() => (polling = false));
        }, ctx.config.icap.registryRefreshMs)
      : undefined;
    policyTimer?.unref();
    const stop = async (): Promise<void> => {
      clearInterval(policyTimer);
      stopQuarantine();
      unlisten();
      follower?.stop();
      await follower?.flush();
    };
    const refresh = async (): Promise<void> => {
      await quarantine.refresh();
      await follower?.refresh();
      await refreshPolicy();
    };
    return {
      inspector: createInspector({ config: ctx.config, taxonomy: ctx.taxonomy, detectors, documents: index, policy: livePolicy }),
      hasDocuments: () => index.size > 0,
      get policy() {
        return current.policy;
      },
      stop,
      refresh,
      quarantined: () => quarantine.ips(),
      ...(snapshot ? { snapshot } : {}),
      scannerKey: scannerKey(ctx.config, versions),
    };
  } finally {
    await store?.close();
  }
}
