import { pino } from 'pino';
import { configSchema, type MamoriConfig } from '../../config/index.js';
import { LabelTaxonomy } from '../../core/index.js';
import { createInspector } from '../../inspect.js';
import { openStore, type Store } from '../../store/index.js';
import { createIcapServer, type IcapServer } from '../server.js';
import { createWorkerRecorder } from '../worker-recorder.js';
import { testDetectors } from './samples.js';

export interface TestIcap {
  readonly server: IcapServer;
  readonly store: Store;
  readonly port: number;
  readonly config: MamoriConfig;
  stop(): Promise<void>;
}

/** An ICAP server on 127.0.0.1 (a free port unless `listenPort` is given), recording into `storePath` (default in memory). */
export async function startTestIcap(icap: Record<string, unknown> = {}, storePath = ':memory:', listenPort = 0): Promise<TestIcap> {
  const config = configSchema.parse({ icap });
  const taxonomy = new LabelTaxonomy();
  const store = await openStore({ kind: 'sqlite', path: storePath });
  const inspector = createInspector({ config, taxonomy, detectors: testDetectors(config) });
  const logger = pino({ level: process.env.MAMORI_TEST_LOG ?? 'silent' }, pino.destination(2));
  // A file store commits on the worker thread, as `mamori icap` does.
  const recorder = storePath === ':memory:' ? undefined : await createWorkerRecorder({ kind: 'sqlite', path: storePath });
  const server = createIcapServer({ config, taxonomy, db: store.db, inspector, logger, ...(recorder ? { recorder } : {}) });
  const { port } = await server.listen('127.0.0.1', listenPort);
  return {
    server,
    store,
    port,
    config,
    async stop() {
      await server.close(2000);
      await recorder?.close();
      await store.close();
    },
  };
}
