import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildReport, loadIncidentView, renderMarkdown } from '../incidents/index.js';
import { insertEvents, listAudit, listBlocklist, listQuarantine } from '../store/index.js';
import { DIALECTS, skipReason } from '../store/test-support/dialects.js';
import { loadStixValidator } from '../respond/test-support/stix-validator.js';
import { openFixture, PASSWORD, signInAs, testEvent, type Fixture } from './test-support/fixture.js';

async function json<T = Record<string, unknown>>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

for (const dialect of DIALECTS) {
  describe(`REST API (${dialect})`, { skip: skipReason(dialect) }, () => {
    let fx: Fixture;
    before(async () => {
      fx = await openFixture(dialect, {});
    });
    after(async () => {
      await fx?.close();
    });

    describe('sign-in', () => {
      it('sets an HttpOnly SameSite session cookie, not Secure over plain HTTP, and audits the sign-in', async () => {
        const res = await fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'a-viewer', password: PASSWORD }) });
        assert.equal(res.status, 200);
        const session = res.headers.getSetCookie().find((c) => c.startsWith('mamori_session='))!;
        assert.match(session, /HttpOnly/);
        assert.match(session, /SameSite=Lax/);
        assert.doesNotMatch(session, /Secure/);
        const body = await json<{ csrfToken: string; role: string }>(res);
        assert.equal(body.role, 'viewer');
        assert.ok(body.csrfToken.length >= 40);
        const log = await listAudit(fx.store.db, { orgs: ['org-a'], action: 'auth.login' });
        assert.ok(log.some((a) => a.actor === 'a-viewer'));
      });

      it('marks cookies Secure when served over TLS', async () => {
        const res = await fx.app.request('https://console.example/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'a-viewer', password: PASSWORD }) });
        assert.ok(res.headers.getSetCookie().every((c) => /;\s*Secure/.test(c)));
      });

      it('answers a wrong password and an unknown user alike, audits the failure and never logs the password', async () => {
        const wrong = await fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'a-admin', password: 'not-the-password-123' }) });
        const unknown = await fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'not-the-password-123' }) });
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        assert.deepEqual(await wrong.json(), await unknown.json());
        assert.ok((await listAudit(fx.store.db, { action: 'auth.login_failed' })).some((a) => a.actor === 'a-admin'));
        assert.ok(fx.logs.length > 0);
        assert.ok(fx.logs.every((l) => !l.includes('not-the-password-123') && !l.includes(PASSWORD)));
      });

      it('locks an account after repeated failures, even with the right password', async () => {
        const attempt = (password: string) => fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'b-viewer', password }) });
        for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong-password-xx')).status, 401);
        assert.equal((await attempt(PASSWORD)).status, 429);
      });

      it('limits sign-in attempts per address', async () => {
        const small = await openFixture('sqlite', { server: { ...fx.deps.config.server, loginLimit: { perIpPerMinute: 3, failuresPerUser: 100, userLockMinutes: 1 } } });
        try {
          const statuses: number[] = [];
          for (let i = 0; i < 5; i++) {
            const res = await small.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `u${i}`, password: 'whatever-password' }) });
            statuses.push(res.status);
          }
          assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
        } finally {
          await small.close();
        }
      });

      it('rejects a malformed sign-in with a clear 400', async () => {
        const res = await fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
        assert.equal(res.status, 400);
        const missing = await json<{ error: { issues: { path: string }[] } }>(fx.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"x"}' }));
        assert.deepEqual(missing.error.issues.map((i) => i.path), ['body.password']);
      });

      it('ends the session on logout; the old cookie no longer works', async () => {
        const c = await signInAs(fx.app, 'a-analyst');
        assert.equal((await c.request('/api/v1/auth/me')).status, 200);
        assert.equal((await c.request('/api/v1/auth/logout', { method: 'POST' })).status, 200);
        assert.equal((await c.request('/api/v1/auth/me')).status, 401);
      });
    });

    describe('CSRF', () => {
      it('refuses a cookie-authenticated change without the X-CSRF-Token header, or with a wrong one', async () => {
        const c = await signInAs(fx.app, 'a-admin');
        const body = JSON.stringify({ yaml: 'policy: {}\n' });
        const none = await fx.app.request('/api/v1/policies/validate', { method: 'POST', headers: { cookie: c.cookie, 'content-type': 'application/json' }, body });
        assert.equal(none.status, 403);
        const wrong = await fx.app.request('/api/v1/policies/validate', { method: 'POST', headers: { cookie: c.cookie, 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(43) }, body });
        assert.equal(wrong.status, 403);
        const right = await c.request('/api/v1/policies/validate', { method: 'POST', json: { yaml: 'policy: {}\n' } });
        assert.equal(right.status, 200);
      });

      it('refuses a cross-site form post to the console', async () => {
        const res = await fx.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: `username=a-admin&password=${encodeURIComponent(PASSWORD)}` });
        assert.equal(res.status, 403);
      });
    });

    describe('API tokens', () => {
      it('creates a token shown once, works as Bearer without CSRF, records use and stops working when revoked', async () => {
        const admin = await signInAs(fx.app, 'a-admin');
        const created = await json<{ id: string; token: string; org: string }>(admin.request('/api/v1/tokens', { method: 'POST', json: { name: 'sensor-1', role: 'analyst' } }));
        assert.equal(created.org, 'org-a');
        assert.match(created.token, /^mamori_/);
        const listed = await json<{ items: Record<string, unknown>[] }>(admin.request('/api/v1/tokens'));
        assert.ok(listed.items.every((t) => !('token' in t)));
        assert.ok(!JSON.stringify(listed).includes(created.token));
        const bearer = { authorization: `Bearer ${created.token}` };
        const events = await json<{ items: { org: string }[] }>(fx.app.request('/api/v1/events', { headers: bearer }));
        assert.ok(events.items.length > 0 && events.items.every((e) => e.org === 'org-a'));
        const validate = await fx.app.request('/api/v1/policies/validate', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ yaml: 'policy: {}\n' }) });
        assert.equal(validate.status, 200);
        const after = await json<{ items: { id: string; lastUsedAt: string | null }[] }>(admin.request('/api/v1/tokens'));
        assert.ok(after.items.find((t) => t.id === created.id)?.lastUsedAt);
        assert.equal((await admin.request(`/api/v1/tokens/${created.id}`, { method: 'DELETE' })).status, 200);
        assert.equal((await fx.app.request('/api/v1/events', { headers: bearer })).status, 401);
        assert.ok((await listAudit(fx.store.db, { orgs: ['org-a'], action: 'token.revoke' })).length === 1);
      });

      it('lets only operators hand out the center role', async () => {
        const admin = await signInAs(fx.app, 'a-admin');
        assert.equal((await admin.request('/api/v1/tokens', { method: 'POST', json: { name: 'x', role: 'center' } })).status, 403);
        assert.equal((await admin.request('/api/v1/users', { method: 'POST', json: { username: 'c2', password: 'long enough password', role: 'center' } })).status, 403);
      });
    });

    describe('roles', () => {
      it('keeps viewers and analysts out of admin routes with 403', async () => {
        const viewer = await signInAs(fx.app, 'a-viewer');
        const analyst = await signInAs(fx.app, 'a-analyst');
        assert.equal((await viewer.request('/api/v1/users')).status, 403);
        assert.equal((await analyst.request('/api/v1/audit')).status, 403);
        assert.equal((await viewer.request('/api/v1/policies/validate', { method: 'POST', json: { yaml: 'policy: {}\n' } })).status, 403);
        assert.equal((await analyst.request('/api/v1/policies', { method: 'PUT', json: { yaml: 'policy: {}\n', baseVersion: 0 } })).status, 403);
      });
    });

    describe('users and organisations', () => {
      it('admins add, disable and re-enable accounts of their organisation; disabling ends sessions', async () => {
        const admin = await signInAs(fx.app, 'a-admin');
        const res = await admin.request('/api/v1/users', { method: 'POST', json: { username: '鈴木', password: 'long enough password', role: 'analyst' } });
        assert.equal(res.status, 201);
        const user = await json<{ id: string; org: string }>(res);
        assert.equal(user.org, 'org-a');
        assert.equal((await admin.request('/api/v1/users', { method: 'POST', json: { username: '鈴木', password: 'long enough password', role: 'analyst' } })).status, 409);
        const suzuki = await signInAs(fx.app, '鈴木', 'long enough password');
        assert.equal((await admin.request(`/api/v1/users/${user.id}`, { method: 'PATCH', json: { disabled: true } })).status, 200);
        assert.equal((await suzuki.request('/api/v1/events')).status, 401);
        await assert.rejects(signInAs(fx.app, '鈴木', 'long enough password'));
        const log = await listAudit(fx.store.db, { orgs: ['org-a'], action: 'user.update' });
        assert.ok(log.some((a) => a.target === '鈴木' && a.detail.disabled === true));
      });

      it('refuses weak passwords, bad roles and an admin locking themselves out', async () => {
        const admin = await signInAs(fx.app, 'a-admin');
        const weak = await json<{ error: { code: string; issues: { path: string; message: string }[] } }>(admin.request('/api/v1/users', { method: 'POST', json: { username: 'x', password: 'short', role: 'boss' } }));
        assert.equal(weak.error.code, 'ERR_INPUT');
        assert.deepEqual(weak.error.issues.map((i) => i.path).sort(), ['body.password', 'body.role']);
        const me = await json<{ items: { id: string; username: string }[] }>(admin.request('/api/v1/users'));
        const self = me.items.find((u) => u.username === 'a-admin')!;
        assert.equal((await admin.request(`/api/v1/users/${self.id}`, { method: 'PATCH', json: { disabled: true } })).status, 409);
        assert.equal((await admin.request(`/api/v1/users/${self.id}`, { method: 'PATCH', json: {} })).status, 400);
      });

      it('operators add organisations; other admins cannot', async () => {
        const operator = await signInAs(fx.app, 'admin');
        const admin = await signInAs(fx.app, 'a-admin');
        assert.equal((await admin.request('/api/v1/orgs', { method: 'POST', json: { name: 'mof' } })).status, 403);
        assert.equal((await operator.request('/api/v1/orgs', { method: 'POST', json: { name: 'mof' } })).status, 201);
        assert.equal((await operator.request('/api/v1/orgs', { method: 'POST', json: { name: 'mof' } })).status, 409);
        assert.equal((await operator.request('/api/v1/orgs', { method: 'POST', json: { name: 'Bad Name' } })).status, 400);
        const seen = await json<{ items: { name: string }[] }>(admin.request('/api/v1/orgs'));
        assert.deepEqual(seen.items.map((o) => o.name), ['org-a']);
      });
    });

    describe('events: filters, pagination, validation', () => {
      before(async () => {
        const many = Array.from({ length: 120 }, (_, i) => testEvent('org-a', { time: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(), action: i % 3 === 0 ? 'block' : 'allow', clientIp: '10.9.0.1', destHost: i % 2 ? 'odd.example' : 'even.example' }));
        await insertEvents(fx.store.db, many);
      });

      it('pages through a listing without gaps or repeats', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const seen: string[] = [];
        let offset: number | null = 0;
        let pages = 0;
        while (offset !== null && pages < 10) {
          const p: { items: { id: string }[]; nextOffset: number | null } = await json(c.request(`/api/v1/events?clientIp=10.9.0.1&limit=50&offset=${offset}`));
          seen.push(...p.items.map((e) => e.id));
          offset = p.nextOffset;
          pages++;
        }
        assert.equal(pages, 3);
        assert.equal(seen.length, 120);
        assert.equal(new Set(seen).size, 120);
      });

      it('filters by action, destination and time', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const blocks = await json<{ items: { action: string; destHost: string }[] }>(c.request('/api/v1/events?clientIp=10.9.0.1&action=block&destHost=even.example&limit=500'));
        assert.equal(blocks.items.length, 20);
        assert.ok(blocks.items.every((e) => e.action === 'block' && e.destHost === 'even.example'));
        const window = await json<{ items: unknown[] }>(c.request('/api/v1/events?clientIp=10.9.0.1&since=2026-10-01T01:00:00Z&until=2026-10-01T01:30:00Z'));
        assert.equal(window.items.length, 30);
      });

      it('answers bad query values with 400 naming each one', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const res = await c.request('/api/v1/events?limit=0&action=nuke&since=yesterday');
        assert.equal(res.status, 400);
        const body = await json<{ error: { code: string; issues: { path: string }[] } }>(res);
        assert.equal(body.error.code, 'ERR_INPUT');
        assert.deepEqual(body.error.issues.map((i) => i.path).sort(), ['query.action', 'query.limit', 'query.since']);
        assert.equal((await c.request('/api/v1/events?limit=100000')).status, 400);
      });

      it('shows evidence masked as stored', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const page = await json<{ items: { findings: { samples: string[] }[] }[] }>(c.request('/api/v1/events?action=block&limit=1'));
        assert.deepEqual(page.items[0]!.findings[0]!.samples, ['1234-****-**18']);
      });
    });

    describe('overview', () => {
      it('counts events and blocks of the caller’s organisation only', async () => {
        const c = await signInAs(fx.app, 'b-analyst');
        const o = await json<{ timeline: { total: number; blocked: number }[]; topDestinations: { value: string }[] }>(c.request('/api/v1/overview?days=1'));
        assert.equal(o.timeline.reduce((a, p) => a + p.total, 0), 2);
        assert.equal(o.timeline.reduce((a, p) => a + p.blocked, 0), 1);
        assert.ok(o.topDestinations.every((d) => d.value.includes('org-b')));
        assert.equal((await c.request('/api/v1/overview?days=0')).status, 400);
      });
    });

    describe('policies', () => {
      it('validates with file and line, saves versions, and refuses a stale base', async () => {
        const admin = await signInAs(fx.app, 'b-admin');
        const current = await json<{ version: number; yaml: string }>(admin.request('/api/v1/policies'));
        assert.equal(current.version, 0);
        assert.match(current.yaml, /^policy:/);
        const bad = await json<{ valid: boolean; errors: string[] }>(admin.request('/api/v1/policies/validate', { method: 'POST', json: { yaml: 'policy:\n  mode: sometimes\n' } }));
        assert.equal(bad.valid, false);
        assert.match(bad.errors[0]!, /^policy\.yaml:2: policy\.mode: /);
        const extra = await json<{ valid: boolean; errors: string[] }>(admin.request('/api/v1/policies/validate', { method: 'POST', json: { yaml: 'policy: {}\nstore:\n  kind: sqlite\n' } }));
        assert.equal(extra.valid, false);
        const refused = await admin.request('/api/v1/policies', { method: 'PUT', json: { yaml: 'policy:\n  mode: sometimes\n', baseVersion: 0 } });
        assert.equal(refused.status, 400);
        const v1 = await json<{ version: number }>(admin.request('/api/v1/policies', { method: 'PUT', json: { yaml: 'policy:\n  mode: monitor\n', comment: '監視のみ', baseVersion: 0 } }));
        assert.equal(v1.version, 1);
        assert.equal((await admin.request('/api/v1/policies', { method: 'PUT', json: { yaml: 'policy:\n  mode: enforce\n', baseVersion: 0 } })).status, 409);
        const history = await json<{ items: { version: number; comment: string }[] }>(admin.request('/api/v1/policies/versions'));
        assert.deepEqual(history.items.map((v) => [v.version, v.comment]), [[1, '監視のみ']]);
        assert.equal((await json<{ yaml: string }>(admin.request('/api/v1/policies/versions/1'))).yaml, 'policy:\n  mode: monitor\n');
        assert.equal((await admin.request('/api/v1/policies/versions/0')).status, 400);
        assert.ok((await listAudit(fx.store.db, { orgs: ['org-b'], action: 'policy.update' })).length === 1);
      });
    });

    describe('documents', () => {
      const text = '外部に出してはならない人事評価の内部資料である。'.repeat(20);
      const form = (fields: Record<string, string>, file?: File) => {
        const f = new FormData();
        if (file) f.set('file', file);
        for (const [k, v] of Object.entries(fields)) f.set(k, v);
        return f;
      };

      it('registers by upload, lists, and unregisters, with audit', async () => {
        const analyst = await signInAs(fx.app, 'a-analyst');
        const res = await analyst.request('/api/v1/documents', { method: 'POST', body: form({ label: 'c3', owner: '人事課', path: '/share/人事/評価.txt' }, new File([text], '評価.txt')) });
        assert.equal(res.status, 201);
        const outcome = await json<{ status: string; docId: string }>(res);
        assert.equal(outcome.status, 'registered');
        const again = await json<{ status: string }>(analyst.request('/api/v1/documents', { method: 'POST', body: form({ label: 'c3', owner: '人事課', path: '/share/人事/評価.txt' }, new File([text], '評価.txt')) }));
        assert.equal(again.status, 'unchanged');
        const listed = await json<{ items: { id: string; path: string; org: string }[] }>(analyst.request('/api/v1/documents?label=c3'));
        assert.deepEqual(listed.items.map((d) => [d.path, d.org]), [['/share/人事/評価.txt', 'org-a']]);
        assert.equal((await analyst.request(`/api/v1/documents/${outcome.docId}`, { method: 'DELETE' })).status, 200);
        assert.equal((await analyst.request(`/api/v1/documents/${outcome.docId}`, { method: 'DELETE' })).status, 404);
        const log = await listAudit(fx.store.db, { orgs: ['org-a'], actor: 'a-analyst' });
        assert.deepEqual(log.filter((a) => a.action.startsWith('document.')).map((a) => a.action), ['document.unregister', 'document.register', 'document.register']);
      });

      it('answers missing files, unknown labels, non-multipart bodies and oversized uploads clearly', async () => {
        const analyst = await signInAs(fx.app, 'a-analyst');
        const noFile = await analyst.request('/api/v1/documents', { method: 'POST', body: form({ label: 'c2' }) });
        assert.equal(noFile.status, 400);
        assert.match((await json<{ error: { message: string } }>(noFile)).error.message, /body\.file/);
        const badLabel = await analyst.request('/api/v1/documents', { method: 'POST', body: form({ label: 'top-secret' }, new File([text], 'a.txt')) });
        assert.equal(badLabel.status, 400);
        assert.equal((await analyst.request('/api/v1/documents', { method: 'POST', json: { label: 'c2' } })).status, 415);
        const small = await openFixture('sqlite', { server: { ...fx.deps.config.server, maxUploadBytes: 10_000 } });
        try {
          const c = await signInAs(small.app, 'a-analyst');
          const huge = await c.request('/api/v1/documents', { method: 'POST', body: form({ label: 'c2' }, new File([new Uint8Array(80_000)], 'big.bin')) });
          assert.equal(huge.status, 413);
          // A body that does not declare its length is counted as it streams.
          let chunks = 0;
          const body = new ReadableStream<Uint8Array>({
            pull(ctl) {
              ctl.enqueue(new Uint8Array(16_384));
              if (++chunks === 100) ctl.close();
            },
          });
          const streamed = await small.app.request('/api/v1/documents', { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'multipart/form-data; boundary=x' }, body, duplex: 'half' } as RequestInit);
          assert.equal(streamed.status, 413);
        } finally {
          await small.close();
        }
      });

      it('lets viewers list but not register', async () => {
        const viewer = await signInAs(fx.app, 'a-viewer');
        assert.equal((await viewer.request('/api/v1/documents')).status, 200);
        assert.equal((await viewer.request('/api/v1/documents', { method: 'POST', body: form({ label: 'c2' }, new File([text], 'a.txt')) })).status, 403);
      });
    });

    describe('incidents, findings and block lists', () => {
      it('lists and opens the organisation’s incident with its documents, destinations and network evidence', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const list = await json<{ items: { id: string; org: string; host: string; severity: string }[] }>(c.request('/api/v1/incidents'));
        assert.equal(list.items.length, 1);
        assert.equal(list.items[0]!.org, 'org-a');
        const view = await json<{ host: string; documents: { path: string }[]; destinations: { host: string | null }[]; findings: { kind: string }[]; timeline: unknown[] }>(c.request(`/api/v1/incidents/${list.items[0]!.id}`));
        assert.equal(view.host, '10.1.2.3');
        assert.deepEqual(view.documents.map((d) => d.path), ['/share/org-a/予算.docx']);
        assert.ok(view.destinations.some((d) => d.host === 'c2.org-a.example'));
        assert.deepEqual(view.findings.map((f) => f.kind), ['beacon']);
        assert.ok(view.timeline.length > 0);
        const filtered = await json<{ items: unknown[] }>(c.request('/api/v1/incidents?status=closed'));
        assert.equal(filtered.items.length, 0);
        assert.equal((await c.request('/api/v1/incidents?status=done')).status, 400);
      });

      it('moves an incident along the workflow, refuses moves it does not allow, and audits', async () => {
        const analyst = await signInAs(fx.app, 'a-analyst');
        const viewer = await signInAs(fx.app, 'a-viewer');
        const [inc] = (await json<{ items: { id: string }[] }>(analyst.request('/api/v1/incidents'))).items;
        assert.equal((await viewer.request(`/api/v1/incidents/${inc!.id}`, { method: 'PATCH', json: { status: 'investigating' } })).status, 403);
        const moved = await json<{ status: string; assignee: string }>(analyst.request(`/api/v1/incidents/${inc!.id}`, { method: 'PATCH', json: { status: 'investigating', assignee: 'a-analyst', note: 'NISCから連絡あり' } }));
        assert.deepEqual([moved.status, moved.assignee], ['investigating', 'a-analyst']);
        const back = await analyst.request(`/api/v1/incidents/${inc!.id}`, { method: 'PATCH', json: { status: 'new' } });
        assert.equal(back.status, 409);
        assert.equal((await analyst.request(`/api/v1/incidents/${inc!.id}`, { method: 'PATCH', json: {} })).status, 400);
        const view = await json<{ audit: { field: string; newValue: string | null; note: string | null }[] }>(analyst.request(`/api/v1/incidents/${inc!.id}`));
        assert.ok(view.audit.some((a) => a.field === 'status' && a.newValue === 'investigating' && a.note === 'NISCから連絡あり'));
        assert.ok((await listAudit(fx.store.db, { orgs: ['org-a'], action: 'incident.update' })).length >= 1);
      });

      it('exports the incident as a STIX 2.1 bundle', async () => {
        const c = await signInAs(fx.app, 'a-analyst');
        const [inc] = (await json<{ items: { id: string }[] }>(c.request('/api/v1/incidents'))).items;
        const bundle = await json<{ type: string; objects: { type: string; pattern?: string }[] }>(c.request(`/api/v1/incidents/${inc!.id}/stix`));
        assert.equal(bundle.type, 'bundle');
        assert.ok(bundle.objects.some((o) => o.type === 'incident'));
        assert.ok(bundle.objects.some((o) => o.type === 'indicator' && o.pattern?.includes('203.0.113.9')));
        const validate = loadStixValidator();
        if (validate) assert.deepEqual(validate(bundle as unknown as Parameters<typeof validate>[0]), []);
      });

      it('puts the beaconing destination on the block list and shows it to the organisation only', async () => {
        const a = await signInAs(fx.app, 'a-analyst');
        const b = await signInAs(fx.app, 'b-analyst');
        const [inc] = (await json<{ items: { id: string }[] }>(a.request('/api/v1/incidents'))).items;
        const r = await json<{ added: string[] }>(a.request(`/api/v1/incidents/${inc!.id}/blocklist`, { method: 'POST' }));
        assert.deepEqual(r.added.sort(), ['203.0.113.9', 'c2.org-a.example']);
        const mine = await json<{ items: { value: string }[] }>(a.request('/api/v1/blocklists'));
        assert.deepEqual(mine.items.map((e) => e.value).sort(), ['203.0.113.9', 'c2.org-a.example']);
        const theirs = await json<{ items: unknown[] }>(b.request('/api/v1/blocklists'));
        assert.deepEqual(theirs.items, []);
      });

      it('quarantines the incident’s host, records it on the timeline and audit log, and lists it to the organisation only', async () => {
        const a = await signInAs(fx.app, 'a-analyst');
        const viewer = await signInAs(fx.app, 'a-viewer');
        const b = await signInAs(fx.app, 'b-analyst');
        const center = await signInAs(fx.app, 'center');
        const [inc] = (await json<{ items: { id: string }[] }>(a.request('/api/v1/incidents'))).items;
        assert.equal((await viewer.request(`/api/v1/incidents/${inc!.id}/quarantine`, { method: 'POST', json: {} })).status, 403);
        assert.equal((await center.request(`/api/v1/incidents/${inc!.id}/quarantine`, { method: 'POST', json: {} })).status, 403);
        assert.equal((await a.request(`/api/v1/incidents/${inc!.id}/quarantine`, { method: 'POST', json: { reason: '' } })).status, 400);
        const res = await a.request(`/api/v1/incidents/${inc!.id}/quarantine`, { method: 'POST', json: { reason: 'beaconing to c2' } });
        assert.equal(res.status, 201);
        const entry = await json<{ ip: string; org: string; incidentId: string; addedBy: string }>(res);
        assert.deepEqual([entry.ip, entry.org, entry.incidentId, entry.addedBy], ['10.1.2.3', 'org-a', inc!.id, 'a-analyst']);
        const view = await json<{ timeline: { kind: string; summary: string }[]; audit: { field: string }[] }>(a.request(`/api/v1/incidents/${inc!.id}`));
        assert.ok(view.timeline.some((e) => e.kind === 'response-quarantine' && e.summary.includes('10.1.2.3')));
        assert.ok(view.audit.some((e) => e.field === 'action:quarantine'));
        assert.equal((await listAudit(fx.store.db, { orgs: ['org-a'], action: 'quarantine.add' })).length, 1);
        const mine = await json<{ items: { ip: string; org: string }[] }>(viewer.request('/api/v1/quarantine'));
        assert.deepEqual(mine.items.map((e) => [e.ip, e.org]), [['10.1.2.3', 'org-a']]);
        assert.deepEqual((await json<{ items: unknown[] }>(b.request('/api/v1/quarantine'))).items, []);
        assert.equal((await b.request('/api/v1/quarantine?org=org-a')).status, 404);
        const all = await json<{ items: { org: string }[] }>(center.request('/api/v1/quarantine?org=org-a'));
        assert.deepEqual(all.items.map((e) => e.org), ['org-a']);
        // Quarantined now: writers are offered the release; viewers neither button.
        assert.match(await (await a.request(`/incidents/${inc!.id}`)).text(), /data-testid="release-host"/);
        assert.doesNotMatch(await (await viewer.request(`/incidents/${inc!.id}`)).text(), /data-testid="(quarantine|release)-host"/);
        const form = await a.request(`/console/incidents/${inc!.id}/quarantine`, { method: 'POST', headers: { origin: 'http://localhost', 'accept-language': 'en' } });
        assert.equal(form.status, 200);
        assert.match(await form.text(), /Host 10\.1\.2\.3 quarantined/);
      });

      it('releases a quarantined host for its organisation’s writers only, on the timeline and audit log, from the API and the console', async () => {
        const a = await signInAs(fx.app, 'a-analyst');
        const viewer = await signInAs(fx.app, 'a-viewer');
        const b = await signInAs(fx.app, 'b-analyst');
        const center = await signInAs(fx.app, 'center');
        const [inc] = (await json<{ items: { id: string }[] }>(a.request('/api/v1/incidents'))).items;
        const quarantineIt = async () => assert.equal((await a.request(`/api/v1/incidents/${inc!.id}/quarantine`, { method: 'POST', json: {} })).status, 201);
        await quarantineIt();
        // The incident page offers the release instead of the quarantine once the host is quarantined.
        const page = await (await a.request(`/incidents/${inc!.id}`)).text();
        assert.match(page, /data-testid="release-host"/);
        assert.doesNotMatch(page, /data-testid="quarantine-host"/);
        const release = (c: typeof a, ip = '10.1.2.3') => c.request(`/api/v1/quarantine/${ip}`, { method: 'DELETE' });
        assert.equal((await release(viewer)).status, 403);
        assert.equal((await release(center)).status, 403);
        assert.equal((await release(b)).status, 404);
        assert.equal((await release(a, '10.9.9.9')).status, 404);
        // Any notation of the address names the same host.
        const res = await release(a, '::ffff:10.1.2.3');
        assert.equal(res.status, 200);
        assert.deepEqual((await json<{ ip: string; org: string }>(res)).ip, '10.1.2.3');
        assert.deepEqual((await json<{ items: unknown[] }>(a.request('/api/v1/quarantine'))).items, []);
        assert.equal((await release(a)).status, 404, 'released already');
        const view = await json<{ timeline: { kind: string; summary: string }[] }>(a.request(`/api/v1/incidents/${inc!.id}`));
        assert.ok(view.timeline.some((e) => e.kind === 'response-release' && e.summary.includes('10.1.2.3')));
        assert.equal((await listAudit(fx.store.db, { orgs: ['org-a'], action: 'quarantine.remove' })).length, 1);
        assert.match(await (await a.request(`/incidents/${inc!.id}`)).text(), /data-testid="quarantine-host"/);

        await quarantineIt();
        const form = await a.request(`/console/incidents/${inc!.id}/release`, { method: 'POST', headers: { origin: 'http://localhost', 'accept-language': 'ja' } });
        assert.equal(form.status, 200);
        assert.match(await form.text(), /ホスト 10\.1\.2\.3 の隔離を解除しました/);
        assert.deepEqual(await listQuarantine(fx.store.db), []);
        const again = await a.request(`/console/incidents/${inc!.id}/release`, { method: 'POST', headers: { origin: 'http://localhost', 'accept-language': 'en' } });
        assert.equal(again.status, 404);
      });

      it('downloads the incident report as Markdown or HTML, the same text the CLI writes', async () => {
        const c = await signInAs(fx.app, 'a-viewer');
        const [inc] = (await json<{ items: { id: string }[] }>(c.request('/api/v1/incidents'))).items;
        const md = await c.request(`/api/v1/incidents/${inc!.id}/report?format=md`);
        assert.equal(md.status, 200);
        assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
        assert.equal(md.headers.get('content-disposition'), `attachment; filename="${inc!.id}-report.md"`);
        const view = (await loadIncidentView(fx.store.db, inc!.id))!;
        const report = async (v: typeof view) => renderMarkdown(buildReport(v, { taxonomy: fx.deps.taxonomy, blocklist: await listBlocklist(fx.store.db, { incidentId: inc!.id }), quarantine: (await listQuarantine(fx.store.db)).filter((q) => q.org === 'org-a'), generatedAt: new Date(0) }));
        const strip = (text: string) => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
        // The centre gets exactly what the CLI writes; the organisation's own reader the same without the
        // link to the other organisation's incident.
        assert.ok(view.links.length > 0);
        const center = await signInAs(fx.app, 'center');
        assert.equal(strip(await (await center.request(`/api/v1/incidents/${inc!.id}/report?format=md`)).text()), strip(await report(view)));
        const ownView = { ...view, links: [], timeline: view.timeline.filter((e) => e.kind !== 'incident-linked') };
        assert.equal(strip(await md.text()), strip(await report(ownView)));
        const html = await c.request(`/api/v1/incidents/${inc!.id}/report?format=html`);
        assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(html.headers.get('content-disposition') ?? '', /attachment; filename=".+-report\.html"/);
        const page = await html.text();
        assert.match(page, /<html/i);
        assert.ok(page.includes('10.1.2.3'));
        assert.equal((await c.request(`/api/v1/incidents/${inc!.id}/report?format=pdf`)).status, 400);
        assert.match(await (await c.request(`/incidents/${inc!.id}`)).text(), /data-testid="download-report"/);
      });

      it('lets the centre link incidents both ways, audited, and refuses it to organisation roles', async () => {
        const center = await signInAs(fx.app, 'center');
        const a = await signInAs(fx.app, 'a-analyst');
        const admin = await signInAs(fx.app, 'a-admin');
        const [mine] = (await json<{ items: { id: string }[] }>(a.request('/api/v1/incidents'))).items;
        const [theirs] = (await json<{ items: { id: string }[] }>(center.request('/api/v1/incidents?org=org-b'))).items;
        for (const c of [a, admin]) assert.equal((await c.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: { incidentId: mine!.id } })).status, 403);
        assert.equal((await center.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: { incidentId: mine!.id } })).status, 400);
        assert.equal((await center.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: {} })).status, 400);
        assert.equal((await center.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: { incidentId: 'inc_nope' } })).status, 404);
        const res = await center.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: { incidentId: theirs!.id, note: '同一のC2' } });
        assert.equal(res.status, 201);
        const made = await json<{ links: { incidentId: string; via: string; value: string }[] }>(res);
        assert.ok(made.links.some((l) => l.incidentId === theirs!.id && l.via === 'center' && l.value === '同一のC2'));
        const back = await json<{ links: { incidentId: string; via: string }[]; timeline: { kind: string; summary: string }[] }>(center.request(`/api/v1/incidents/${theirs!.id}`));
        assert.ok(back.links.some((l) => l.incidentId === mine!.id && l.via === 'center'));
        assert.ok(back.timeline.some((e) => e.kind === 'incident-linked' && e.summary.includes(mine!.id) && e.summary.includes('center')));
        const again = await json<{ links: { via: string }[] }>(center.request(`/api/v1/incidents/${mine!.id}/links`, { method: 'POST', json: { incidentId: theirs!.id, note: '同一のC2' } }));
        assert.equal(again.links.filter((l) => l.via === 'center').length, 1);
        const log = await listAudit(fx.store.db, { orgs: ['center'], action: 'incident.link' });
        assert.equal(log.length, 2);
        assert.equal(log[0]!.actor, 'center');
        const page = await (await center.request(`/incidents/${mine!.id}`)).text();
        assert.match(page, new RegExp(`href="/incidents/${theirs!.id}"`));
        assert.match(page, /hx-post="\/console\/incidents\/[^"]+\/links"/);
        assert.doesNotMatch(await (await a.request(`/incidents/${mine!.id}`)).text(), /\/links"/);
        const form = (c: typeof a, note: string) => c.request(`/console/incidents/${mine!.id}/links`, { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: `incidentId=${theirs!.id}&note=${note}` });
        assert.equal((await form(a, 'x')).status, 403);
        assert.equal((await form(center, 'console')).status, 200);
        const after = await json<{ links: { value: string }[] }>(center.request(`/api/v1/incidents/${theirs!.id}`));
        assert.ok(after.links.some((l) => l.value === 'console'));
      });

      it('lists network findings of the organisation, and the centre’s across organisations', async () => {
        const a = await signInAs(fx.app, 'a-viewer');
        const center = await signInAs(fx.app, 'center');
        const mine = await json<{ items: { org: string; kind: string; dstHost: string }[] }>(a.request('/api/v1/findings?kind=beacon'));
        assert.deepEqual(mine.items.map((f) => [f.org, f.dstHost]), [['org-a', 'c2.org-a.example']]);
        const all = await json<{ items: { org: string }[] }>(center.request('/api/v1/findings'));
        assert.deepEqual(all.items.map((f) => f.org).sort(), ['org-a', 'org-b']);
        assert.equal((await a.request('/api/v1/findings?minScore=2')).status, 400);
      });
    });

    describe('audit and OpenAPI', () => {
      it('lists the audit log of the organisation to its admin', async () => {
        const admin = await signInAs(fx.app, 'a-admin');
        const log = await json<{ items: { org: string; action: string }[] }>(admin.request('/api/v1/audit?action=auth.login&limit=500'));
        assert.ok(log.items.length > 0 && log.items.every((a) => a.org === 'org-a' && a.action === 'auth.login'));
      });

      it('serves an OpenAPI 3.1 document whose every schema compiles, covering every route', async () => {
        const doc = await json<{ openapi: string; paths: Record<string, Record<string, { parameters: { schema: object }[]; requestBody?: { content: Record<string, { schema: object }> }; responses: Record<string, { content?: Record<string, { schema: object }> }> }>> }>(fx.app.request('/api/v1/openapi.json'));
        assert.equal(doc.openapi, '3.1.0');
        const { API_ROUTES } = await import('./api/index.js');
        const ajv = new Ajv2020({ strict: false });
        let compiled = 0;
        for (const r of API_ROUTES) {
          const op = doc.paths[`/api/v1${r.path}`.replace(/:([a-z]+)/gi, '{$1}')]?.[r.method];
          assert.ok(op, `${r.method} ${r.path} missing from OpenAPI`);
          const schemas = [...op.parameters.map((p) => p.schema), ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema), ...Object.values(op.responses).flatMap((x) => Object.values(x.content ?? {}).map((c) => c.schema))];
          for (const s of schemas) {
            ajv.compile(s);
            compiled++;
          }
        }
        assert.ok(compiled > API_ROUTES.length);
        assert.ok(doc.paths['/api/v1/auth/login']?.post);
      });
    });
  });
}
