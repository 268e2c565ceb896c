import { Writable } from 'node:stream';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { defaultConfig, type MamoriConfig } from '../../config/index.js';
import { DEFAULT_LABELS, LabelTaxonomy, newId, type MamoriEvent } from '../../core/index.js';
import { IncidentCorrelator } from '../../incidents/index.js';
import { netFinding } from '../../incidents/test-support/fixtures.js';
import { registerBytes } from '../../registry/index.js';
import { createOrg, createUser, insertEvents, replaceNetFindings, upsertInventory, type DialectName, type RoleName, type Store } from '../../store/index.js';
import { openTestStore } from '../../store/test-support/dialects.js';
import { createApp } from '../app.js';
import { hashPassword } from '../auth/secrets.js';
import { bootstrap } from '../bootstrap.js';
import type { ServerDeps } from '../deps.js';
import { createServerDeps } from '../start.js';

export const PASSWORD = 'correct horse battery';

/** Everything a server test needs: the app, its store and a log of what was written. */
export interface Fixture {
  readonly app: Hono;
  readonly deps: ServerDeps;
  readonly store: Store;
  readonly logs: string[];
  close(): Promise<void>;
}

/**
 * A test event of `org`, blocked by default, with masked evidence.
 *
 * @example
 * await insertEvents(store.db, [testEvent('org-a', { destHost: 'evil.example' })]);
 */
export function testEvent(org: string, over: Partial<MamoriEvent> = {}): MamoriEvent {
  return {
    id: newId('evt'), org, time: new Date(Date.now() - 3_600_000).toISOString(), channel: 'icap', action: 'block', monitored: false, rule: 'c2-to-unlisted',
    reason: 'c2 content to an unlisted destination', clientIp: '10.1.2.3', user: 'tanaka', method: 'POST', url: `http://exfil.${org}.example/up`,
    destHost: `exfil.${org}.example`, destIp: '203.0.113.9', bytes: 4096, label: 'c2', unscannable: false, sha256: 'ab'.repeat(32), fileName: '予算.docx',
    findings: [{ detector: 'jp.my_number', count: 2, samples: ['1234-****-**18'] }], matches: [], ...over,
  };
}

/**
 * A store with two organisations, `org-a` and `org-b`, each with an account per role (`a-admin`,
 * `a-analyst`, `a-viewer`, `b-admin`, ...), a centre analyst `center` (org `center`), events and an
 * inventory entry in both; plus the bootstrap `admin` of `default` (an operator).
 *
 * @example
 * const fx = await openFixture('sqlite');
 */
export async function openFixture(dialect: DialectName, configOver: Partial<MamoriConfig> = {}): Promise<Fixture> {
  const store = await openTestStore(dialect);
  const base = defaultConfig();
  // Tests sign in many times from one address; the per-address limit has its own test.
  const config = Object.freeze({ ...base, server: { ...base.server, loginLimit: { ...base.server.loginLimit, perIpPerMinute: 10_000 } }, ...configOver });
  await bootstrap(store, { homeOrg: config.org, adminPassword: PASSWORD });
  const hash = await hashPassword(PASSWORD);
  for (const org of ['org-a', 'org-b', 'center']) await createOrg(store.db, org);
  const accounts: [string, string, RoleName][] = [
    ['a-admin', 'org-a', 'admin'], ['a-analyst', 'org-a', 'analyst'], ['a-viewer', 'org-a', 'viewer'],
    ['b-admin', 'org-b', 'admin'], ['b-analyst', 'org-b', 'analyst'], ['b-viewer', 'org-b', 'viewer'],
    ['center', 'center', 'center'],
  ];
  for (const [username, org, role] of accounts) await createUser(store.db, { org, username, role, passwordHash: hash });
  await insertEvents(store.db, [testEvent('org-a'), testEvent('org-a', { action: 'allow', label: 'c1', destHost: 'ok.example' }), testEvent('org-b'), testEvent('org-b', { action: 'alert' })]);
  for (const org of ['org-a', 'org-b']) {
    await upsertInventory(store.db, [{ org, host: `pc-${org}`, path: `/share/${org}/名簿.xlsx`, size: 1000, mtimeMs: 0, sha256: 'cd'.repeat(32), label: 'c2', unscannable: false, findings: [{ detector: 'jp.my_number', count: 1, samples: ['1234-****-**18'] }], matches: [], errors: [], scannedAt: '2026-11-01T00:00:00.000Z' }]);
  }
  for (const org of ['org-a', 'org-b']) {
    const text = `${org} 予算要求資料 機密性2 `.repeat(40) + '令和8年度の概算要求に関する内部検討資料であり、外部への提供を禁ずる。'.repeat(10);
    await registerBytes(store.db, `/share/予算要求.txt`, new TextEncoder().encode(text), { org, label: 'c2', owner: `${org}-会計課`, limits: config.extract });
  }
  // One incident per organisation: host 10.1.2.3 beacons to its C2 and sends a registered document there.
  const correlator = new IncidentCorrelator({ db: store.db, taxonomy: new LabelTaxonomy(DEFAULT_LABELS) });
  for (const org of ['org-a', 'org-b']) {
    const beacon = netFinding({ src: '10.1.2.3', dst: '203.0.113.9', dstHost: `c2.${org}.example` });
    await replaceNetFindings(store.db, org, [beacon]);
    await correlator.ingestFindings([beacon], org);
    await correlator.ingestEvents([testEvent(org, { action: 'allow', destHost: `c2.${org}.example`, matches: [{ docId: `doc-${org}`, path: `/share/${org}/予算.docx`, label: 'c2', coverage: 0.9, longestRunChars: 500 }] })]);
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const deps = createServerDeps({ store, config, taxonomy: new LabelTaxonomy(DEFAULT_LABELS), logger: pino({ level: 'info' }, sink) });
  return { app: createApp(deps), deps, store, logs, close: () => store.close() };
}

/** A signed-in client for `app.request`: carries the session cookie and the CSRF header. */
export interface Client {
  readonly cookie: string;
  readonly csrf: string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/**
 * Signs `username` in through the API and returns a client that sends its cookie and CSRF token.
 *
 * @example
 * const a = await signInAs(fx.app, 'a-analyst');
 * const res = await a.request('/api/v1/events');
 */
export async function signInAs(app: Hono, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = cookies.join('; ');
  return {
    cookie,
    csrf: csrfToken,
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (init.method && init.method !== 'GET') headers.set('x-csrf-token', csrfToken);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return Promise.resolve(app.request(path, { ...init, headers, body }));
    },
  };
}
