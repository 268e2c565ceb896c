import type { InspectContext, Inspection } from '../core/index.js';
import type { InspectionPiece, InspectionShare } from '../inspect.js';
import type { PolicyConfig } from '../policy/index.js';
import type { RegistryUpdate } from '../registry/index.js';

/** Main thread → inspection worker. */
export type InspectWorkerMessage =
  | { readonly kind: 'inspect'; readonly seq: number; readonly content: Uint8Array; readonly context: InspectContext }
  /** One share of an inspection split over several workers. */
  | { readonly kind: 'inspect-share'; readonly seq: number; readonly content: Uint8Array; readonly context: InspectContext; readonly share: InspectionShare }
  /** A newer policy, replacing the worker's (the console saved it). */
  | { readonly kind: 'policy'; readonly policy: PolicyConfig }
  /** The whole quarantine list (normalised addresses), replacing the worker's copy. */
  | { readonly kind: 'quarantine'; readonly ips: readonly string[] }
  /** Documents registered/unregistered since the last update, as the main thread applied them. */
  | ({ readonly kind: 'registry' } & RegistryUpdate);

/** Inspection worker → main thread. */
export type InspectWorkerReply =
  | { readonly ready: true }
  | { readonly seq: number; readonly inspection?: Inspection; readonly piece?: InspectionPiece; readonly error?: string };
