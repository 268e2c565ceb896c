import type { AnyRoute } from '../routes/define.js';
import { listAuditRoute } from './audit.js';
import { logoutRoute, meRoute } from './auth.js';
import { listDocumentsRoute, registerDocumentRoute, unregisterDocumentRoute } from './documents.js';
import { getEventRoute, listEventsRoute } from './events.js';
import { listFindingsRoute } from './findings.js';
import { blockIncidentRoute, getIncidentRoute, incidentStixRoute, listBlocklistRoute, listIncidentsRoute, updateIncidentRoute } from './incidents.js';
import { listInventoryRoute } from './inventory.js';
import { linkIncidentsRoute } from './links.js';
import { incidentReportRoute } from './report.js';
import { listQuarantineRoute, quarantineIncidentRoute, releaseQuarantineRoute } from './quarantine.js';
import { createOrgRoute, listOrgsRoute } from './orgs.js';
import { overviewRoute } from './overview.js';
import { getPolicyRoute, getPolicyVersionRoute, listPolicyVersionsRoute, updatePolicyRoute, validatePolicyRoute } from './policies.js';
import { createTokenRoute, listTokensRoute, revokeTokenRoute } from './tokens.js';
import { createUserRoute, listUsersRoute, updateUserRoute } from './users.js';

/**
 * The route table of /api/v1. A module adds its routes by defining them with `defineRoute` in
 * `src/server/api/<module>.ts` and listing them here; auth, roles, validation, OpenAPI and the
 * route-walking access test then cover them with no further step.
 */
export const API_ROUTES: readonly AnyRoute[] = Object.freeze([
  meRoute,
  logoutRoute,
  overviewRoute,
  listEventsRoute,
  getEventRoute,
  listIncidentsRoute,
  getIncidentRoute,
  updateIncidentRoute,
  incidentStixRoute,
  incidentReportRoute,
  linkIncidentsRoute,
  blockIncidentRoute,
  listBlocklistRoute,
  quarantineIncidentRoute,
  listQuarantineRoute,
  releaseQuarantineRoute,
  listFindingsRoute,
  listInventoryRoute,
  listDocumentsRoute,
  registerDocumentRoute,
  unregisterDocumentRoute,
  getPolicyRoute,
  listPolicyVersionsRoute,
  getPolicyVersionRoute,
  validatePolicyRoute,
  updatePolicyRoute,
  listOrgsRoute,
  createOrgRoute,
  listUsersRoute,
  createUserRoute,
  updateUserRoute,
  listTokensRoute,
  createTokenRoute,
  revokeTokenRoute,
  listAuditRoute,
]);
