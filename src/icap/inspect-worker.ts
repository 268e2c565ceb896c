// Worker thread running the inspection pipeline (pure, CPU-bound) so the ICAP event loop stays responsive.
// It inspects with the state the main thread pushes to it (quarantine list, registry changes): messages on
// one port arrive in order, so a job posted after an update is inspected with that update applied.
import { parentPort, workerData } from 'node:worker_threads';
import type { MamoriConfig } from '../config/index.js';
import { DEFAULT_LABELS, LabelTaxonomy } from '../core/index.js';
import { normaliseIp } from '../incidents/keys.js';
import type { DocumentIndex } from '../fingerprint/index.js';
import { createDetectorSet } from '../detect/index.js';
import { createInspector } from '../inspect.js';
import { createPolicyEngine, type PolicyConfig } from '../policy/index.js';
import { indexedDocument, loadDocumentIndex, type SnapshotTarget } from '../registry/index.js';
import { openStore, type StoreConfig } from '../store/index.js';
import type { InspectWorkerMessage } from './inspect-protocol.js';

interface Setup {
  readonly config: MamoriConfig;
  /** Where the registered-document index is read from at start; later changes are pushed. */
  readonly store?: StoreConfig;
  /** Read the index from this snapshot first, as the main thread does (a rebuild of a large registry takes minutes). */
  readonly snapshot?: SnapshotTarget;
}

const { config, store: storeConfig, snapshot } = workerData as Setup;
const taxonomy = new LabelTaxonomy(config.labels ?? DEFAULT_LABELS);
let documents: DocumentIndex | undefined;
if (storeConfig) {
  const store = await openStore(storeConfig);
  try {
    documents = (await loadDocumentIndex(store.db, config, snapshot ? { snapshot } : {})).index;
  } finally {
    await store.close();
  }
}
let quarantined = new Set<string>();
const isQuarantined = (ip: string): boolean => {
  const norm = normaliseIp(ip);
  return norm !== null && quarantined.has(norm);
};
const detectors = createDetectorSet(config.detect);
const compile = (p: PolicyConfig) => createPolicyEngine(p, taxonomy, { detectors: detectors.detectors.map((d) => d.id), isQuarantined });
let policy = compile(config.policy);
const inspector = createInspector({ config, taxonomy, detectors, policy: { decide: (input) => policy.decide(input) }, ...(documents ? { documents } : {}) });
const port = parentPort!;
port.on('message', (msg: InspectWorkerMessage) => {
  switch (msg.kind) {
    case 'quarantine':
      quarantined = new Set(msg.ips);
      return;
    case 'policy':
      policy = compile(msg.policy);
      return;
    case 'registry':
      for (const id of msg.removed) documents?.remove(id);
      for (const d of msg.documents) documents?.add(indexedDocument(d));
      return;
    case 'inspect':
      inspector.inspect(msg.content, msg.context).then(
        (inspection) => port.postMessage({ seq: msg.seq, inspection }),
        (e: unknown) => port.postMessage({ seq: msg.seq, error: (e as Error).message }),
      );
      return;
    case 'inspect-share':
      inspector.inspectShare(msg.content, msg.context, msg.share).then(
        (piece) => port.postMessage({ seq: msg.seq, piece }),
        (e: unknown) => port.postMessage({ seq: msg.seq, error: (e as Error).message }),
      );
  }
});
port.postMessage({ ready: true });
