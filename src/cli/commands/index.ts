import type { Command } from 'commander';
import { registerDetect } from './detect.js';
import { registerDocs } from './docs.js';
import { registerEvents } from './events.js';
import { registerIcap } from './icap.js';
import { registerInspect } from './inspect.js';
import { registerPolicy } from './policy.js';
import { registerRegister } from './register.js';
import { registerScan } from './scan.js';
import { registerUnregister } from './unregister.js';
import { registerHunt } from './hunt.js';
import { registerIngest } from './ingest.js';
import { registerOrg } from './org.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';
import { registerIncidents } from './incidents.js';
import { registerIncident } from './incident.js';
import { registerReport } from './report.js';
import { registerExport } from './export.js';
import { registerQuarantine } from './quarantine.js';
import { registerOutbox } from './outbox.js';
import { registerBus } from './bus.js';

/** A command registers itself on the program. One file per command; add it to the list below. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerInspect,
  registerScan,
  registerPolicy,
  registerDetect,
  registerRegister,
  registerUnregister,
  registerDocs,
  registerIngest,
  registerHunt,
  registerIcap,
  registerEvents,
  registerServe,
  registerOrg,
  registerUser,
  registerIncidents,
  registerIncident,
  registerReport,
  registerExport,
  registerQuarantine,
  registerOutbox,
  registerBus,
];
