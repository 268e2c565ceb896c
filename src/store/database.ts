import type { Kysely } from 'kysely';
import type { CoreTables } from './tables/core.js';
import type { RegistryTables } from './tables/registry.js';
import type { NetlogTables } from './tables/netlog.js';
import type { IncidentTables } from './tables/incidents.js';
import type { AuthTables } from './tables/auth.js';
import type { BusTables } from './tables/bus.js';

/** Every table of mamori's store, composed from one file per domain. */
export interface Database extends CoreTables, RegistryTables, NetlogTables, IncidentTables, AuthTables, BusTables {}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';
