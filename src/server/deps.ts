import type { Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import type { LabelTaxonomy } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { RateLimiter } from './auth/rate-limit.js';

/** What the HTTP layer needs, built once by `createServerApp` and shared by every route and page. */
export interface ServerDeps {
  readonly store: Store;
  readonly config: MamoriConfig;
  readonly taxonomy: LabelTaxonomy;
  readonly logger: Logger;
  /** The organisation that runs this installation; its admins are operators. */
  readonly homeOrg: string;
  readonly limits: { readonly perIp: RateLimiter; readonly perUser: RateLimiter };
  /** Resolves when the service may take traffic; /readyz reports it. */
  ready(): Promise<boolean>;
}
