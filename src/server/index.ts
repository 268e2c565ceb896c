/**
 * The console and REST API of `mamori serve`: accounts, roles and organisations, the route table,
 * OpenAPI, and the server-rendered console.
 */
export { createApp, PUBLIC_PATHS } from './app.js';
export { bootstrap, type Bootstrapped } from './bootstrap.js';
export { createServerDeps, startHttp, parseListen, type RunningServer } from './start.js';
export { createLogger } from './logger.js';
export { hashPassword, verifyPassword } from './auth/secrets.js';
export { API_ROUTES } from './api/index.js';
export { PAGES } from './console/pages/index.js';
export { defineRoute, READERS, WRITERS, ADMINS, type RouteDef, type AnyRoute, type ApiContext } from './routes/define.js';
export { definePage, type PageDef, type PageContext } from './console/page.js';
export { canSee, orgFilter, notFound, ROLES, type Principal } from './auth/principal.js';
export { page, pageOf, pageQuery, isoTime, orgName } from './api/paging.js';
export type { ServerDeps } from './deps.js';
export { serverConfigSchema, type ServerConfig } from './config.js';
export { parsePolicyYaml, policyYamlOf } from './api/policy-text.js';
