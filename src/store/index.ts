export { openStore, type Store, type StoreConfig } from './connect.js';
export type { Database, Db, DialectName } from './database.js';
export { insertEvents, insertEventsIfAbsent, listEvents, getEvent, type EventFilter } from './repositories/events.js';
export { getBusCursor, listBusCursors, saveBusCursor, type BusCursor } from './repositories/bus.js';
export { committedEventsAfter, countEventsAfter, lastCommittedPosition, dialectOf, type CommittedEvent } from './repositories/commit-order.js';
export { upsertInventory, listInventory, getInventoryEntry, type InventoryEntry } from './repositories/inventory.js';
export {
  registerDocument,
  unregisterDocument,
  listDocuments,
  getDocumentByPath,
  loadStoredDocuments,
  loadStoredDocumentsById,
  registrySize,
  type RegisteredDocument,
  type StoredDocument,
  type NewDocument,
} from './repositories/documents.js';
export {
  getPairSummaries,
  savePairSummaries,
  scanPairSummaries,
  scanPairContext,
  getDnsSummaries,
  saveDnsSummaries,
  scanDnsSummaries,
  replaceNetFindings,
  listNetFindings,
  insertIngestRun,
  listIngestRuns,
  type PairSummary,
  type PairContextRow,
  type DnsSummary,
  type IngestRun,
  type NetFindingFilter,
  type SparseHistogram,
} from './repositories/netlog.js';
export type { RoleName } from './tables/auth.js';
export { createOrg, listOrgs, getOrgByName, type Org } from './repositories/orgs.js';
export { createUser, getUser, getUserCredentials, listUsers, updateUser, countUsers, type User } from './repositories/users.js';
export { createSession, getLiveSession, deleteSessions, type Session } from './repositories/sessions.js';
export { createApiToken, getActiveApiToken, getApiToken, listApiTokens, revokeApiToken, touchApiToken, type ApiToken } from './repositories/api-tokens.js';
export { recordAudit, listAudit, type AuditEntry } from './repositories/audit.js';
export { savePolicyVersion, getPolicyVersion, listPolicyVersions, type PolicyVersion } from './repositories/policy-versions.js';
export { eventTimeline, topEventValues, incidentCounts, type StatsWindow, type TimelinePoint } from './repositories/event-stats.js';
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
  insertIncidentAudit,
  listIncidentAudit,
  saveLinks,
  listLinks,
  getCorrelationState,
  setCorrelationState,
  type TimelineEntry,
  type Evidence,
  type IncidentAuditEntry,
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
