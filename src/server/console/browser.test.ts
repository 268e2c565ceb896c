import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REQUIRE_SERVICES } from '../../store/test-support/dialects.js';
import { startHttp, type RunningServer } from '../start.js';
import { openFixture, PASSWORD, type Fixture } from '../test-support/fixture.js';

const CHROMIUM = process.env.MAMORI_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const skip = !existsSync(CHROMIUM) && !REQUIRE_SERVICES ? `Chromium not found at ${CHROMIUM} (apt-get install chromium; set MAMORI_REQUIRE_SERVICES=1 to fail instead)` : false;

describe('console in Chromium', { skip }, () => {
  let fx: Fixture;
  let server: RunningServer;
  let browser: BrowserContext;
  let profile: string;
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    fx = await openFixture('sqlite');
    server = await startHttp(fx.deps, '127.0.0.1:0');
    profile = mkdtempSync(join(tmpdir(), 'mamori-chromium-'));
    // A fresh profile directory per run: nothing from an earlier run (cookies, cache) leaks in.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      locale: 'ja-JP',
      viewport: { width: 1360, height: 900 },
      timeout: 30_000,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await fx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${server.url}/`);
    assert.match(page.url(), /\/login$/);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
  }

  it('signs in, shows the overview with its chart, filters events and signs out', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400 && !/\/login$|org=org-b/.test(r.url())) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      // 401 and 404 answers are provoked on purpose (wrong password, another organisation's page).
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(`${server.url}/login`);
    await page.screenshot({ path: join(ARTIFACTS, 'console-login.png') });
    await page.fill('input[name=username]', 'a-analyst');
    await page.fill('input[name=password]', 'wrong password!!');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error');
    assert.match(await page.textContent('.error') ?? '', /パスワード/);

    await signIn(page, 'a-analyst');
    assert.equal(await page.textContent('h1'), '概要');
    await page.waitForSelector('#timeline-chart canvas');
    assert.equal(await page.textContent('[data-testid=stat-blocked]'), '1');
    await page.screenshot({ path: join(ARTIFACTS, 'console-overview-ja.png'), fullPage: true });

    await page.click('nav a[href="/events"]');
    await page.waitForSelector('[data-testid=events-table]');
    await page.selectOption('select[name=action]', 'block');
    await Promise.all([page.waitForURL(/action=block/), page.click('form.filters button[type=submit]')]);
    const rows = await page.$$eval('[data-testid=events-table] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /1234-\*\*\*\*-\*\*18/);
    assert.doesNotMatch(rows[0]!, /org-b/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-events-ja.png'), fullPage: true });

    await page.click('.who a[href^="/lang/"]');
    await page.waitForSelector('h1:text("Events")');
    await page.screenshot({ path: join(ARTIFACTS, 'console-events-en.png'), fullPage: true });

    await page.goto(`${server.url}/events?org=org-b`);
    assert.equal(await page.textContent('h1'), '404');

    await page.goto(`${server.url}/policies`);
    await page.fill('[data-testid=policy-yaml]', 'policy:\n  mode: sometimes\n');
    await page.click('button[value=validate]');
    await page.waitForSelector('#policy-result .error');
    assert.match((await page.textContent('#policy-result')) ?? '', /policy\.yaml:2: policy\.mode/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-policy-en.png'), fullPage: true });

    await Promise.all([page.waitForURL(/\/login$/), page.click('.who button')]);
    await page.goto(`${server.url}/events`);
    assert.match(page.url(), /\/login$/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('opens an incident, changes its status, and keeps it from another organisation’s analyst', async () => {
    await browser.clearCookies();
    await browser.addCookies([{ name: 'mamori_lang', value: 'en', url: server.url }]);
    const page = await browser.newPage();
    await signIn(page, 'a-analyst');
    await page.waitForSelector('[data-testid=incident-matrix]');
    await page.click('nav a[href="/incidents"]');
    await page.waitForSelector('[data-testid=incidents-table] tbody tr');
    await page.screenshot({ path: join(ARTIFACTS, 'console-incidents-en.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/incidents\/inc_/), page.click('[data-testid=incidents-table] tbody a')]);
    const incidentUrl = page.url();
    assert.equal(await page.textContent('[data-testid=incident-status]'), 'new');
    assert.ok(((await page.textContent('.incident')) ?? '').includes('/share/org-a/予算.docx'));
    await page.selectOption('[data-testid=status-select]', 'investigating');
    await page.fill('input[name=note]', 'NISC reported beaconing; host isolated');
    await Promise.all([page.waitForEvent('load'), page.click('.incident form button[type=submit]')]);
    await page.waitForSelector('[data-testid=incident-status]:text("investigating")');
    assert.ok(((await page.textContent('.timeline')) ?? '').includes('NISC reported beaconing'));
    await page.screenshot({ path: join(ARTIFACTS, 'console-incident-en.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/login$/), page.click('.who button')]);

    await signIn(page, 'b-analyst');
    const res = await page.goto(incidentUrl);
    assert.equal(res?.status(), 404);
    assert.doesNotMatch((await page.content()) ?? '', /org-a|予算/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-incident-other-org.png') });
    await page.close();
  });

  it('shows an admin the policy editor and saves a new version', async () => {
    await browser.clearCookies();
    await browser.addCookies([{ name: 'mamori_lang', value: 'en', url: server.url }]);
    const page = await browser.newPage();
    await signIn(page, 'b-admin');
    await page.goto(`${server.url}/policies`);
    await page.fill('[data-testid=policy-yaml]', 'policy:\n  mode: monitor\n');
    await page.fill('input[name=comment]', 'monitor first');
    await page.click('button[value=save]');
    await page.waitForSelector('.history li:has-text("monitor first")');
    assert.match((await page.textContent('.card h2')) ?? '', /1/);
    await page.screenshot({ path: join(ARTIFACTS, 'console-policy-saved.png'), fullPage: true });
    await page.goto(`${server.url}/documents`);
    await page.setInputFiles('input[name=file]', { name: '人事評価.txt', mimeType: 'text/plain', buffer: Buffer.from('外部に出してはならない人事評価の内部資料である。'.repeat(20)) });
    await page.selectOption('select[name=label]', 'c3');
    await page.fill('input[name=path]', '/share/人事/人事評価.txt');
    await page.click('form.upload button[type=submit]');
    await page.waitForSelector('[data-testid=documents-table] td:has-text("/share/人事/人事評価.txt")');
    await page.screenshot({ path: join(ARTIFACTS, 'console-documents-en.png'), fullPage: true });
    await page.goto(`${server.url}/users`);
    await page.fill('input[name=username]', 'watanabe');
    await page.fill('input[name=password]', 'a long enough password');
    await page.selectOption('select[name=role]', 'analyst');
    await page.click('form button[type=submit]');
    await page.waitForSelector('td:text("watanabe")');
    await page.screenshot({ path: join(ARTIFACTS, 'console-users-en.png'), fullPage: true });
    await page.goto(`${server.url}/audit`);
    assert.ok(((await page.textContent('table')) ?? '').includes('policy.update'));
    assert.ok(((await page.textContent('table')) ?? '').includes('document.register'));
    assert.ok(((await page.textContent('table')) ?? '').includes('user.create'));
    await page.close();
  });
});
