import type { PageDef } from '../page.js';
import { auditPage, orgsPage, tokensPage, usersPage } from './admin.js';
import { documentsPage } from './documents.js';
import { eventsPage } from './events.js';
import { findingsPage } from './findings.js';
import { incidentPage, incidentsPage } from './incidents.js';
import { inventoryPage } from './inventory.js';
import { overviewPage } from './overview.js';
import { policiesPage } from './policies.js';

/**
 * The console's page table, in navigation order. A module adds a page by defining it with
 * `definePage` in `src/server/console/pages/<module>.tsx` and listing it here.
 */
export const PAGES: readonly PageDef[] = Object.freeze([overviewPage, incidentsPage, incidentPage, eventsPage, findingsPage, documentsPage, inventoryPage, policiesPage, orgsPage, usersPage, tokensPage, auditPage]);
