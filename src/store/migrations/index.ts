import type { Migration } from 'kysely';
import * as m0001 from './0001-core.js';
import * as m0002 from './0002-registry.js';
import * as m0003 from './0003-netlog.js';
import * as m0004 from './0004-incidents.js';
import * as m0005 from './0005-auth.js';
import * as m0006 from './0006-events-feed.js';
import * as m0007 from './0007-console-indexes.js';
import * as m0008 from './0008-inventory-scanner.js';
import * as m0009 from './0009-bus.js';

/** Every migration, by name; names sort in the order they apply. Add one line per new migration. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-registry': m0002,
  '0003-netlog': m0003,
  '0004-incidents': m0004,
  '0005-auth': m0005,
  '0006-events-feed': m0006,
  '0007-console-indexes': m0007,
  '0008-inventory-scanner': m0008,
  '0009-bus': m0009,
};
