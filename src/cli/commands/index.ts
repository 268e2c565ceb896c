import type { Command } from 'commander';
import { registerDocs } from './docs.js';
import { registerInspect } from './inspect.js';
import { registerOrg } from './org.js';
import { registerPolicy } from './policy.js';
import { registerRegister } from './register.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';
import { registerUnregister } from './unregister.js';
import { registerUser } from './user.js';

/** A command registers itself on the program. One file per command; add it to the list below. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerInspect,
  registerScan,
  registerPolicy,
  registerRegister,
  registerUnregister,
  registerDocs,
  registerServe,
  registerOrg,
  registerUser,
];
