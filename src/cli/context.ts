import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultConfig, loadConfigFile, type MamoriConfig } from '../config/index.js';
import { LabelTaxonomy, DEFAULT_LABELS } from '../core/index.js';
import { openStore, type Store, type StoreConfig } from '../store/index.js';

/** Options every command accepts. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly config?: string;
}

/** What a command needs to run: the validated config, where data lives, and the store on demand. */
export interface CliContext {
  readonly config: MamoriConfig;
  readonly dataDir: string;
  readonly taxonomy: LabelTaxonomy;
  readonly host: string;
  readonly storeConfig: StoreConfig;
  openStore(): Promise<Store>;
}

/**
 * Resolves `--data-dir` (env MAMORI_DATA_DIR, default `./.mamori`) and `--config` (env MAMORI_CONFIG).
 *
 * @example
 * const ctx = createContext(program.opts());
 * const store = await ctx.openStore();
 */
export function createContext(opts: GlobalOptions): CliContext {
  const dataDir = resolve(opts.dataDir ?? process.env.MAMORI_DATA_DIR ?? '.mamori');
  const configPath = opts.config ?? process.env.MAMORI_CONFIG;
  const config = configPath ? loadConfigFile(configPath) : defaultConfig();
  const storeConfig: StoreConfig =
    config.store.kind === 'sqlite'
      ? { kind: 'sqlite', path: config.store.path ?? join(dataDir, 'mamori.db'), synchronous: config.store.synchronous }
      : { kind: 'postgres', url: config.store.url, ...(config.store.schema ? { schema: config.store.schema } : {}) };
  return Object.freeze({
    config,
    dataDir,
    taxonomy: new LabelTaxonomy(config.labels ?? DEFAULT_LABELS),
    host: config.host ?? hostname(),
    storeConfig,
    openStore: () => openStore(storeConfig),
  });
}
