export { openStore, type Store, type StoreConfig } from './connect.js';
export type { Database, Db, DialectName } from './database.js';
export { insertEvents, listEvents, type EventFilter } from './repositories/events.js';
export { upsertInventory, listInventory, getInventoryEntry, type InventoryEntry } from './repositories/inventory.js';
export { saveIncidents, getIncident, listIncidents, openIncidentsOfHosts, updateIncidentWorkflow, type IncidentRecord, type IncidentStatus, type IncidentSeverity } from './repositories/incidents.js';
export {
  saveIncidentDocuments,
  listIncidentDocuments,
  saveIncidentDestinations,
  listIncidentDestinations,
  saveIncidentFindings,
  listIncidentFindings,
  type IncidentDocument,
  type IncidentDestination,
  type IncidentFinding,
  type DocumentStatus,
} from './repositories/incident-parts.js';
export {
  saveTimeline,
  existingTimelineIds,
  listTimeline,
  insertAudit,
  listAudit,
  saveLinks,
  listLinks,
  getCorrelationState,
  setCorrelationState,
  type TimelineEntry,
  type Evidence,
  type AuditEntry,
  type IncidentLink,
} from './repositories/incident-history.js';
export {
  upsertQuarantine,
  deleteQuarantine,
  listQuarantine,
  addBlocklist,
  deleteBlocklist,
  listBlocklist,
  type QuarantineEntry,
  type BlocklistEntry,
} from './repositories/response.js';
export { enqueueOutbox, pendingOutbox, markOutboxDelivered, markOutboxFailed, listOutbox, type OutboxMessage, type OutboxStatus } from './repositories/outbox.js';
export { eventsAfter, type EventCursor } from './repositories/events-feed.js';
