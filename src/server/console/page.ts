import type { JSX } from 'hono/jsx/jsx-runtime';
import type { RoleName } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServerDeps } from '../deps.js';
import type { AnyRoute } from '../routes/define.js';
import type { RouteInput } from '../routes/invoke.js';
import type { z } from 'zod';
import type { Lang, MessageKey, T } from './i18n.js';

/** What a page renders with: the caller, the language, the URL query and a way to call API routes. */
export interface PageContext {
  readonly principal: Principal;
  readonly deps: ServerDeps;
  readonly lang: Lang;
  readonly t: T;
  /** The page's URL query and path parameters, as strings. */
  readonly query: Record<string, string>;
  readonly params: Record<string, string>;
  /** Runs an API route for this caller with the API's role check and validation (see `invokeRoute`). */
  call<R extends AnyRoute>(route: R, input: RouteInput): Promise<z.output<R['response']>>;
}

/** One console page. Like API routes, every page states which roles may open it. */
export interface PageDef {
  readonly path: string;
  readonly key: MessageKey;
  readonly allow: readonly RoleName[];
  /** Listed in the navigation bar (detail pages are not). */
  readonly nav: boolean;
  render(pc: PageContext): Promise<JSX.Element>;
}

/**
 * Declares a console page.
 *
 * @example
 * export const eventsPage = definePage({ path: '/events', key: 'events', allow: READERS, nav: true, render: async (pc) => <Table .../> });
 */
export function definePage(def: PageDef): PageDef {
  return Object.freeze(def);
}
