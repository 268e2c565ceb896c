import type { Command } from 'commander';
import { registerHunt } from './hunt.js';
import { registerIngest } from './ingest.js';

/** A command registers itself on the program. One file per command; add it to the list below. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerIngest, registerHunt];
