import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { toMamoriError } from '../../core/index.js';
import { authenticate } from '../auth/authenticate.js';
import { signIn } from '../auth/sign-in.js';
import type { ServerDeps } from '../deps.js';
import { Bare } from './layout.js';
import { LANG_COOKIE, langOf, translator, type Lang } from './i18n.js';

function LoginPage(props: { lang: Lang; error?: string; username?: string }) {
  const t = translator(props.lang);
  return (
    <Bare title={t('signIn')} lang={props.lang}>
      <form class="login card" method="post" action="/login">
        <div class="login-brand">
          <span class="brand-mark">守</span>
          <span>mamori</span>
        </div>
        <h1>{t('signIn')}</h1>
        {props.error ? <p class="error" role="alert">{props.error}</p> : null}
        <label>
          {t('username')}
          <input name="username" autocomplete="username" required maxlength={64} value={props.username ?? ''} autofocus />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autocomplete="current-password" required maxlength={1024} />
        </label>
        <button type="submit">{t('signIn')}</button>
        <p class="lang-switch">
          <a href={`/lang/${props.lang === 'ja' ? 'en' : 'ja'}?next=/login`}>{t('language')}</a>
        </p>
      </form>
    </Bare>
  );
}

/**
 * The sign-in page, its form post, sign-out and the language switch.
 *
 * @example
 * mountLogin(app, deps);
 */
export function mountLogin(app: Hono, deps: ServerDeps): void {
  app.get('/login', async (c) => {
    if (await authenticate(c, deps)) return c.redirect('/', 302);
    return c.html(<LoginPage lang={langOf(c)} />);
  });
  app.post('/login', async (c) => {
    const lang = langOf(c);
    const t = translator(lang);
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.slice(0, 64) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, 1024) : '';
    try {
      await signIn(c, deps, username, password);
      return c.redirect('/', 303);
    } catch (e) {
      const err = toMamoriError(e);
      const status = err.code === 'ERR_RATE_LIMIT' ? 429 : 401;
      return c.html(<LoginPage lang={lang} username={username} error={err.code === 'ERR_RATE_LIMIT' ? t('rateLimited') : t('badLogin')} />, status);
    }
  });
  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang') === 'en' ? 'en' : 'ja';
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
    const next = c.req.query('next');
    // Only same-site paths: the switch must not become an open redirect.
    const back = next && /^\/(?!\/)[A-Za-z0-9/_-]*$/.test(next) ? next : (refererPath(c.req.header('referer')) ?? '/');
    return c.redirect(back, 302);
  });
}

function refererPath(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    const u = new URL(referer);
    return /^\/(?!\/)[A-Za-z0-9/_-]*$/.test(u.pathname) ? `${u.pathname}${u.search}` : undefined;
  } catch {
    return undefined;
  }
}
