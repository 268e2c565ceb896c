import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { RoleName } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { Lang, MessageKey, T } from './i18n.js';

/** A console navigation entry: only shown to roles that may open it. */
export interface NavItem {
  readonly path: string;
  readonly key: MessageKey;
  readonly allow: readonly RoleName[];
}

function Head(props: { title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' />
      <title>{props.title} · mamori</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/static/uplot.min.css" />
      <link rel="stylesheet" href="/static/console.css" />
      <script src="/static/htmx.min.js" defer></script>
      <script src="/static/uplot.min.js" defer></script>
      <script src="/static/console.js" defer></script>
    </head>
  );
}

/**
 * The page frame of a signed-in user: navigation for their role, who they are, language switch and sign-out.
 *
 * @example
 * return c.html(<Layout title={t('events')} ...>{table}</Layout>);
 */
export function Layout(props: { title: string; lang: Lang; t: T; principal: Principal; nav: readonly NavItem[]; active: string; children?: Child }) {
  const { t, principal: p } = props;
  const headers = JSON.stringify({ 'X-CSRF-Token': p.csrfToken ?? '' });
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={props.lang}>
      <Head title={props.title} />
      <body hx-boost="true" hx-headers={headers}>
        <header class="topbar">
          <a class="brand" href="/">
            <span class="brand-mark">守</span> mamori
          </a>
          <nav>
            {props.nav
              .filter((n) => n.allow.includes(p.role))
              .map((n) => (
                <a href={n.path} class={props.active === n.path ? 'active' : undefined}>
                  {t(n.key)}
                </a>
              ))}
          </nav>
          <div class="who">
            <span>{t('signedInAs', { user: p.name, org: p.org, role: p.role })}</span>
            <a href={`/lang/${props.lang === 'ja' ? 'en' : 'ja'}`} hx-boost="false">
              {t('language')}
            </a>
            <button type="button" class="link" hx-post="/logout">
              {t('signOut')}
            </button>
          </div>
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
      </html>
    </>
  );
}

/**
 * A bare page (sign-in, errors) without navigation.
 *
 * @example
 * return c.html(<Bare title="Sign in" lang="ja">{form}</Bare>);
 */
export function Bare(props: { title: string; lang: Lang; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={props.lang}>
        <Head title={props.title} />
        <body class="bare">{props.children}</body>
      </html>
    </>
  );
}
