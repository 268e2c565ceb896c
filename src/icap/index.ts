export { createIcapServer, type IcapServer, type IcapServerOptions } from './server.js';
export { icapConfigSchema, inspectWorkerCount, type IcapConfig } from './config.js';
export { renderBlockPage, type BlockNotice, type BlockPage } from './block-page.js';
export { clientIdentity, normaliseUser, type ClientIdentity } from './identity.js';
export { createEventRecorder, type EventRecorder } from './recorder.js';
export { createWorkerRecorder } from './worker-recorder.js';
export { createInspectPool, type InspectPool, type InspectPoolOptions } from './inspect-pool.js';
export { createIcapMetrics, type IcapMetrics, type DecisionSample } from './metrics.js';
