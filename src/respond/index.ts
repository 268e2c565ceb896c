export { writeFileAtomic } from './atomic-write.js';
export { blockIncidentDestinations, type BlocklistGuard } from './blocklist.js';
export { renderSquidDstdomain, renderSquidDst, renderNftables, renderPlainList, squidDomains } from './render-blocklist.js';
export { QuarantineList } from './quarantine.js';
export { buildStixBundle, INCIDENT_CORE_EXTENSION, TLP_MARKINGS, type StixBundle, type StixObject, type StixOptions } from './stix/bundle.js';
export { uuidv5, scoId, sdoId } from './stix/ids.js';
