export { openStore, type Store, type StoreConfig } from './connect.js';
export type { Database, Db, DialectName } from './database.js';
export { insertEvents, listEvents, type EventFilter } from './repositories/events.js';
export { upsertInventory, listInventory, getInventoryEntry, type InventoryEntry } from './repositories/inventory.js';
export {
  registerDocument,
  unregisterDocument,
  listDocuments,
  getDocumentByPath,
  loadStoredDocuments,
  type RegisteredDocument,
  type StoredDocument,
  type NewDocument,
} from './repositories/documents.js';
export {
  getPairSummaries,
  savePairSummaries,
  scanPairSummaries,
  scanPairContext,
  type PairContextRow,
  getDnsSummaries,
  saveDnsSummaries,
  scanDnsSummaries,
  replaceNetFindings,
  listNetFindings,
  insertIngestRun,
  listIngestRuns,
  type PairSummary,
  type DnsSummary,
  type IngestRun,
  type NetFindingFilter,
  type SparseHistogram,
} from './repositories/netlog.js';
