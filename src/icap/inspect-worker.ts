// Worker thread running the inspection pipeline (pure, CPU-bound) so the ICAP event loop stays responsive.
import { parentPort, workerData } from 'node:worker_threads';
import type { MamoriConfig } from '../config/index.js';
import { DEFAULT_LABELS, LabelTaxonomy, type InspectContext } from '../core/index.js';
import { createInspector } from '../inspect.js';
import { loadDocumentIndex } from '../registry/index.js';
import { openStore, type StoreConfig } from '../store/index.js';

interface Setup {
  readonly config: MamoriConfig;
  /** Where the registered-document index is read from, once at start. */
  readonly store?: StoreConfig;
}

const { config, store: storeConfig } = workerData as Setup;
const taxonomy = new LabelTaxonomy(config.labels ?? DEFAULT_LABELS);
let documents;
if (storeConfig) {
  const store = await openStore(storeConfig);
  try {
    documents = (await loadDocumentIndex(store.db, config)).index;
  } finally {
    await store.close();
  }
}
const inspector = createInspector({ config, taxonomy, ...(documents ? { documents } : {}) });
const port = parentPort!;
port.on('message', (msg: { seq: number; content: Uint8Array; context: InspectContext }) => {
  inspector.inspect(msg.content, msg.context).then(
    (inspection) => port.postMessage({ seq: msg.seq, inspection }),
    (e: unknown) => port.postMessage({ seq: msg.seq, error: (e as Error).message }),
  );
});
port.postMessage({ ready: true });
