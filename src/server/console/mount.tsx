import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { MamoriError, toMamoriError } from '../../core/index.js';
import { registerDocumentRoute, unregisterDocumentRoute } from '../api/documents.js';
import { blockIncidentRoute, getIncidentRoute, updateIncidentRoute } from '../api/incidents.js';
import { linkIncidentsRoute } from '../api/links.js';
import { quarantineIncidentRoute, releaseQuarantineRoute } from '../api/quarantine.js';
import { createUserRoute, updateUserRoute } from '../api/users.js';
import { validatePolicyRoute, updatePolicyRoute } from '../api/policies.js';
import { authenticate, clientIp, CSRF_HEADER, SESSION_COOKIE } from '../auth/authenticate.js';
import { notFound, type Principal } from '../auth/principal.js';
import { safeEqual } from '../auth/secrets.js';
import { signOut } from '../auth/sign-in.js';
import type { ServerDeps } from '../deps.js';
import { invokeRoute } from '../routes/invoke.js';
import { langOf, translator } from './i18n.js';
import { Bare, Layout } from './layout.js';
import type { PageDef } from './page.js';

function errorPage(c: Context, status: 400 | 403 | 404, message: string) {
  const lang = langOf(c);
  return c.html(
    <Bare title={String(status)} lang={lang}>
      <main class="card narrow">
        <h1>{status}</h1>
        <p>{message}</p>
        <a href="/">mamori</a>
      </main>
    </Bare>,
    status,
  );
}

/**
 * Mounts the console pages: each checks the session (anonymous → sign-in page) and its role, and
 * renders with the caller's organisation scope; "absent" and "another organisation's" are both 404.
 *
 * @example
 * mountPages(app, PAGES, deps);
 */
export function mountPages(app: Hono, pages: readonly PageDef[], deps: ServerDeps): void {
  const nav = pages.filter((p) => p.nav).map((p) => ({ path: p.path, key: p.key, allow: p.allow }));
  for (const page of pages) {
    app.get(page.path, async (c) => {
      const principal = await authenticate(c, deps);
      if (!principal) return c.redirect('/login', 302);
      const lang = langOf(c);
      const t = translator(lang);
      if (!page.allow.includes(principal.role)) return errorPage(c, 403, t('forbidden'));
      const ip = clientIp(c, deps.config.server.trustProxy);
      try {
        const body = await page.render({
          principal,
          deps,
          lang,
          t,
          query: c.req.query(),
          params: c.req.param() as Record<string, string>,
          call: (route, input) => invokeRoute(route, input, { principal, deps, ip, http: c }),
        });
        return c.html(
          <Layout title={t(page.key)} lang={lang} t={t} principal={principal} nav={nav} active={page.path}>
            {body}
          </Layout>,
        );
      } catch (e) {
        const err = toMamoriError(e);
        if (err.status === 404) return errorPage(c, 404, t('notFound'));
        if (err.status === 403) return errorPage(c, 403, t('forbidden'));
        if (err.status === 400) return errorPage(c, 400, err.message);
        throw e;
      }
    });
  }
}

/** Session and CSRF check for console form posts (htmx sends the token header on every request). */
async function actionPrincipal(c: Context, deps: ServerDeps): Promise<Principal> {
  const principal = await authenticate(c, deps);
  if (!principal) throw new MamoriError('ERR_AUTH', 'sign in first');
  const sent = c.req.header(CSRF_HEADER) ?? '';
  if (principal.kind !== 'session' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) throw new MamoriError('ERR_FORBIDDEN', `missing or wrong ${CSRF_HEADER} header`);
  return principal;
}

function fragmentError(c: Context, e: unknown) {
  const err = toMamoriError(e);
  if (err.status === 401) {
    c.header('HX-Redirect', '/login');
    return c.html(<p class="error">{err.message}</p>, 401);
  }
  // htmx swaps only 2xx answers by default; a message the user can act on must still reach them.
  const fixable = err.status === 400 || err.status === 409;
  return c.html(<p class="error">{err.status >= 500 ? 'internal error' : err.message}</p>, fixable ? 200 : (err.status as 403 | 404 | 500));
}

/**
 * Console actions: sign-out and the policy editor's validate/save, through the same route handlers as the API.
 *
 * @example
 * mountActions(app, deps);
 */
export function mountActions(app: Hono, deps: ServerDeps): void {
  app.post('/logout', async (c) => {
    // An already ended session still lands on the sign-in page, but only a live one with its CSRF token is ended.
    c.header('HX-Redirect', '/login');
    try {
      const p = await actionPrincipal(c, deps);
      await signOut(c, deps, getCookie(c, SESSION_COOKIE), p);
      return c.body(null, 204);
    } catch (e) {
      return c.json({ error: { code: toMamoriError(e).code } }, toMamoriError(e).status === 401 ? 401 : 403);
    }
  });
  app.post('/console/policies', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const form = await c.req.parseBody();
      const yaml = typeof form.yaml === 'string' ? form.yaml : '';
      const who = { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c };
      if (form.intent === 'save') {
        const saved = await invokeRoute(updatePolicyRoute, { body: { yaml, comment: typeof form.comment === 'string' ? form.comment : '', baseVersion: Number(form.baseVersion) } }, who);
        c.header('HX-Refresh', 'true');
        return c.html(<p class="ok">{t('saved', { n: saved.version })}</p>);
      }
      const r = await invokeRoute(validatePolicyRoute, { body: { yaml } }, who);
      return c.html(
        r.valid ? (
          <p class="ok">{t('valid')}</p>
        ) : (
          <ul class="error">
            {r.errors.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        ),
      );
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/documents', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const r = await invokeRoute(registerDocumentRoute, {}, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      if (r.status === 'registered' || r.status === 'replaced') c.header('HX-Refresh', 'true');
      return c.html(<p class={r.status === 'skipped' ? 'error' : 'ok'}>{t('registered', { path: r.path, status: r.message ? `${r.status}: ${r.message}` : r.status, n: r.fingerprints })}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/documents/:id/unregister', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      await invokeRoute(unregisterDocumentRoute, { params: { id: c.req.param('id') } }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      c.header('HX-Refresh', 'true');
      return c.body(null, 204);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/incidents/:id', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const form = await c.req.parseBody();
      const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
      const assignee = str('assignee');
      const body = { ...(str('status') ? { status: str('status') } : {}), ...(assignee !== undefined ? { assignee: assignee.trim() === '' ? null : assignee.trim() } : {}), ...(str('note')?.trim() ? { note: str('note') } : {}) };
      await invokeRoute(updateIncidentRoute, { params: { id: c.req.param('id') }, body }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      c.header('HX-Refresh', 'true');
      return c.html(<p class="ok">{t('updated')}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/incidents/:id/blocklist', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const r = await invokeRoute(blockIncidentRoute, { params: { id: c.req.param('id') } }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      return c.html(<p class="ok">{r.added.length > 0 ? t('blockedAdded', { values: r.added.join(', ') }) : t('nothingAdded')}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/incidents/:id/quarantine', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const r = await invokeRoute(quarantineIncidentRoute, { params: { id: c.req.param('id') }, body: {} }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      return c.html(<p class="ok">{t('hostQuarantined', { ip: r.ip })}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/incidents/:id/release', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const t = translator(langOf(c));
      const ctx = { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c };
      const incident = await invokeRoute(getIncidentRoute, { params: { id: c.req.param('id') } }, ctx);
      if (incident.host === null) throw notFound('quarantined host', incident.id);
      const r = await invokeRoute(releaseQuarantineRoute, { params: { ip: incident.host } }, ctx);
      return c.html(<p class="ok">{t('hostReleased', { ip: r.ip })}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/incidents/:id/links', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const form = await c.req.parseBody();
      const str = (k: string) => (typeof form[k] === 'string' && form[k].trim() !== '' ? form[k].trim() : undefined);
      const body = { incidentId: str('incidentId'), ...(str('note') ? { note: str('note') } : {}) };
      await invokeRoute(linkIncidentsRoute, { params: { id: c.req.param('id') }, body }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      c.header('HX-Refresh', 'true');
      return c.html(<p class="ok">{translator(langOf(c))('updated')}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/users', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const form = await c.req.parseBody();
      const str = (k: string) => (typeof form[k] === 'string' && form[k] !== '' ? (form[k] as string) : undefined);
      const body = { username: str('username'), password: str('password'), role: str('role'), ...(str('org') ? { org: str('org') } : {}) };
      await invokeRoute(createUserRoute, { body }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      c.header('HX-Refresh', 'true');
      return c.html(<p class="ok">{translator(langOf(c))('updated')}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
  app.post('/console/users/:id', async (c) => {
    try {
      const principal = await actionPrincipal(c, deps);
      const form = await c.req.parseBody();
      await invokeRoute(updateUserRoute, { params: { id: c.req.param('id') }, body: { disabled: form.disabled === 'true' } }, { principal, deps, ip: clientIp(c, deps.config.server.trustProxy), http: c });
      c.header('HX-Refresh', 'true');
      return c.html(<p class="ok">{translator(langOf(c))('updated')}</p>);
    } catch (e) {
      return fragmentError(c, e);
    }
  });
}
