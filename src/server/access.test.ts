import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { getActiveApiToken, getIncident, getUser, listApiTokens, listBlocklist, listDocuments, listIncidents, listQuarantine, savePolicyVersion, type RoleName } from '../store/index.js';
import { DIALECTS, skipReason } from '../store/test-support/dialects.js';
import { QuarantineList } from '../respond/index.js';
import { API_ROUTES } from './api/index.js';
import { PUBLIC_PATHS } from './app.js';
import { PAGES } from './console/pages/index.js';
import { API_PREFIX } from './routes/mount.js';
import { openFixture, signInAs, type Client, type Fixture } from './test-support/fixture.js';

// A body each changing route accepts, aimed at organisation B where the body can name one.
// A new changing route fails the walk until it is listed here.
const SAMPLE_BODIES: Record<string, unknown> = {
  'post /auth/logout': undefined,
  'post /orgs': { name: 'org-x' },
  'post /users': { username: 'intruder', password: 'long enough password', role: 'viewer', org: 'org-b' },
  'patch /users/:id': { disabled: true },
  'post /tokens': { name: 'intruder', role: 'viewer', org: 'org-b' },
  'delete /tokens/:id': undefined,
  'post /policies/validate': { yaml: 'policy:\n  mode: monitor\n' },
  'put /policies': { yaml: 'policy:\n  mode: monitor\n', comment: 'a', baseVersion: 0 },
  'post /documents': 'multipart',
  'delete /documents/:id': undefined,
  'patch /incidents/:id': { status: 'closed', assignee: 'a-analyst', note: 'closing it' },
  'post /incidents/:id/blocklist': undefined,
  'post /incidents/:id/quarantine': {},
  'delete /quarantine/:ip': undefined,
  'post /incidents/:id/links': { incidentId: 'inc_x', note: 'intruder' },
};

function uploadForm(): FormData {
  const form = new FormData();
  form.set('file', new File([`intruder text `.repeat(50)], 'x.txt'));
  form.set('label', 'c2');
  form.set('path', '/share/予算要求.txt'); // the path org B's document has too
  return form;
}

/** Which caller of org A to use: the weakest role the route allows, so the check is not about role. */
function callerFor(allow: readonly RoleName[]): string {
  for (const [role, user] of [['viewer', 'a-viewer'], ['analyst', 'a-analyst'], ['admin', 'a-admin']] as const) if (allow.includes(role)) return user;
  throw new Error(`no org-A account for roles ${allow.join(',')}`);
}

function hasOrgQuery(q: unknown): boolean {
  return q instanceof z.ZodObject && 'org' in q.shape;
}

for (const dialect of DIALECTS) {
  describe(`route table access (${dialect})`, { skip: skipReason(dialect) }, () => {
    let fx: Fixture;
    const clients = new Map<string, Client>();
    const bIds: Record<string, string> = {};
    const markers: string[] = ['org-b', 'b-admin', 'b-analyst'];
    before(async () => {
      fx = await openFixture(dialect);
      for (const u of ['a-viewer', 'a-analyst', 'a-admin', 'b-admin']) clients.set(u, await signInAs(fx.app, u));
      const bEvents = (await (await clients.get('b-admin')!.request('/api/v1/events')).json()) as { items: { id: string }[] };
      bIds['/events/:id'] = bEvents.items[0]!.id;
      bIds['/users/:id'] = (await getUser(fx.store.db, { username: 'b-analyst' }))!.id;
      const tok = await clients.get('b-admin')!.request('/api/v1/tokens', { method: 'POST', json: { name: 'b-sensor', role: 'analyst' } });
      bIds['/tokens/:id'] = ((await tok.json()) as { id: string }).id;
      await savePolicyVersion(fx.store.db, { org: 'org-b', baseVersion: 0, yaml: 'policy:\n  mode: monitor\n', comment: 'b secret comment', createdBy: 'b-admin' });
      bIds['/policies/versions/:version'] = '1';
      bIds['/documents/:id'] = (await listDocuments(fx.store.db, { org: 'org-b' }))[0]!.id;
      const bIncident = (await listIncidents(fx.store.db, { org: 'org-b' }))[0]!.id;
      for (const p of ['/incidents/:id', '/incidents/:id/stix', '/incidents/:id/blocklist', '/incidents/:id/quarantine', '/incidents/:id/report', '/incidents/:id/links']) bIds[p] = bIncident;
      // Org B's quarantined host: org A may neither see nor release it.
      await (await QuarantineList.open(fx.store.db)).add('10.66.0.1', { org: 'org-b', reason: 'b quarantine reason', actor: 'b-admin', incidentId: bIncident });
      bIds['/quarantine/:ip'] = '10.66.0.1';
      markers.push('b quarantine reason');
      markers.push(...Object.values(bIds).filter((v) => v.length > 3), 'b secret comment');
    });
    after(async () => {
      await fx?.close();
    });

    it('refuses every API route, page and console action to an anonymous caller', async () => {
      const checked: string[] = [];
      for (const r of fx.app.routes) {
        if (r.method === 'ALL' || PUBLIC_PATHS.includes(r.path)) continue;
        const path = r.path.replace(/:([a-z]+)/gi, 'x');
        const res = await fx.app.request(path, { method: r.method, headers: { 'content-type': 'application/json', origin: 'http://localhost' }, ...(r.method === 'GET' ? {} : { body: '{}' }) });
        if (r.path.startsWith(API_PREFIX) || r.method !== 'GET') assert.equal(res.status, 401, `${r.method} ${r.path} answered ${res.status}`);
        else {
          assert.equal(res.status, 302, `${r.method} ${r.path} answered ${res.status}`);
          assert.equal(res.headers.get('location'), '/login');
        }
        checked.push(`${r.method} ${r.path}`);
      }
      for (const route of API_ROUTES) assert.ok(checked.includes(`${route.method.toUpperCase()} ${API_PREFIX}${route.path}`), `${route.path} not walked`);
      for (const p of PAGES) assert.ok(checked.includes(`GET ${p.path}`), `page ${p.path} not walked`);
    });

    it('refuses a bearer token that is wrong, and one that was revoked', async () => {
      const res = await fx.app.request('/api/v1/events', { headers: { authorization: 'Bearer mamori_not-a-real-token-at-all' } });
      assert.equal(res.status, 401);
    });

    it('gives an org-A caller nothing of org B on any API route, not even whether an id exists', async () => {
      for (const route of API_ROUTES) {
        const key = `${route.method} ${route.path}`;
        // A route no organisation role may call (the centre's) is refused for the role, before any lookup.
        const orgRole = route.allow.some((r) => r !== 'center');
        const client = clients.get(orgRole ? callerFor(route.allow) : 'a-admin')!;
        const needsId = route.path.includes(':');
        if (needsId) assert.ok(bIds[route.path], `no org-B id for ${route.path}: add one to the walk`);
        if (route.method !== 'get') assert.ok(key in SAMPLE_BODIES, `no sample body for ${key}: add one to the walk`);
        const path = `${API_PREFIX}${route.path.replace(/:[a-z]+/i, bIds[route.path] ?? '')}`;
        const body = SAMPLE_BODIES[key];
        const res = await client.request(path, { method: route.method.toUpperCase(), ...(body === 'multipart' ? { body: uploadForm() } : body !== undefined ? { json: body } : {}) });
        const text = await res.text();
        if (!orgRole) assert.equal(res.status, 403, `${key} (centre only) answered ${res.status}: ${text}`);
        else if (needsId) assert.equal(res.status, 404, `${key} with org B's id answered ${res.status}: ${text}`);
        else assert.ok([200, 201, 403, 404].includes(res.status), `${key} answered ${res.status}: ${text}`);
        for (const m of markers) assert.ok(!text.includes(m), `${key} leaked ${m}: ${text.slice(0, 300)}`);
        if (hasOrgQuery(route.query) && route.method === 'get' && !needsId) {
          const other = await client.request(`${path}?org=org-b`);
          assert.equal(other.status, 404, `${key}?org=org-b answered ${other.status}`);
        }
        if (key === 'post /auth/logout') clients.set('a-viewer', await signInAs(fx.app, 'a-viewer'));
      }
      // Nothing of B changed: its account is enabled, its token active, no account was slipped into B.
      assert.equal((await getUser(fx.store.db, { id: bIds['/users/:id']! }))?.disabled, false);
      assert.equal((await listApiTokens(fx.store.db, { orgs: ['org-b'] })).filter((t) => t.revokedAt === null).length, 1);
      assert.equal(await getUser(fx.store.db, { username: 'intruder' }), undefined);
      assert.ok((await listApiTokens(fx.store.db, { orgs: ['org-b'] })).every((t) => t.name !== 'intruder'));
      assert.equal(await getActiveApiToken(fx.store.db, 'x'), undefined);
      const bInc = await getIncident(fx.store.db, bIds['/incidents/:id']!);
      assert.deepEqual([bInc?.status, bInc?.assignee], ['new', null]);
      assert.deepEqual(await listBlocklist(fx.store.db, { incidentId: bInc!.id }), []);
      assert.deepEqual((await listQuarantine(fx.store.db)).map((q) => [q.ip, q.org]), [['10.66.0.1', 'org-b']]);
      const bDocs = await listDocuments(fx.store.db, { org: 'org-b' });
      assert.deepEqual(bDocs.map((d) => [d.id, d.owner]), [[bIds['/documents/:id'], 'org-b-会計課']]);
    });

    it('gives an org-A caller no org-B data on any console page', async () => {
      for (const page of PAGES) {
        const client = clients.get(callerFor(page.allow))!;
        if (page.path.includes(':')) {
          assert.ok(bIds[page.path], `no org-B id for page ${page.path}: add one to the walk`);
          const res = await client.request(page.path.replace(/:[a-z]+/i, bIds[page.path]!));
          assert.equal(res.status, 404, `page ${page.path} with org B's id answered ${res.status}`);
          const html = await res.text();
          for (const m of markers) assert.ok(!html.includes(m), `${page.path} leaked ${m}`);
          continue;
        }
        const res = await client.request(page.path);
        const html = await res.text();
        assert.ok([200, 403].includes(res.status), `${page.path} answered ${res.status}`);
        for (const m of markers) assert.ok(!html.includes(m), `${page.path} leaked ${m}`);
        const other = await client.request(`${page.path}?org=org-b`);
        const otherHtml = await other.text();
        assert.ok([200, 403, 404].includes(other.status));
        for (const m of markers) assert.ok(!otherHtml.includes(m), `${page.path}?org=org-b leaked ${m}`);
      }
    });

    it('shows an org-A analyst its own incident without the link to org B’s incident', async () => {
      const a = clients.get('a-analyst')!;
      const [own] = (await listIncidents(fx.store.db, { org: 'org-a' }));
      for (const path of [`/api/v1/incidents/${own!.id}`, `/incidents/${own!.id}`, `/api/v1/incidents/${own!.id}/stix`, `/api/v1/incidents/${own!.id}/report?format=md`, `/api/v1/incidents/${own!.id}/report?format=html`]) {
        const res = await a.request(path);
        assert.equal(res.status, 200, path);
        const text = await res.text();
        for (const m of markers) assert.ok(!text.includes(m), `${path} leaked ${m}`);
      }
      const center = await signInAs(fx.app, 'center');
      const seen = (await (await center.request(`/api/v1/incidents/${own!.id}`)).json()) as { links: { incidentId: string }[] };
      assert.deepEqual(seen.links.map((l) => l.incidentId), [bIds['/incidents/:id']]);
    });

    it('gives console actions the same isolation as the API', async () => {
      const a = clients.get('a-analyst')!;
      const res = await a.request(`/console/documents/${bIds['/documents/:id']}/unregister`, { method: 'POST', headers: { origin: 'http://localhost' } });
      assert.equal(res.status, 404);
      assert.equal((await listDocuments(fx.store.db, { org: 'org-b' })).length, 1);
      const admin = clients.get('a-admin')!;
      const adminActions = new Set([`/console/users/${bIds['/users/:id']}`]);
      for (const action of [`/console/incidents/${bIds['/incidents/:id']}`, `/console/incidents/${bIds['/incidents/:id']}/blocklist`, `/console/incidents/${bIds['/incidents/:id']}/quarantine`, `/console/incidents/${bIds['/incidents/:id']}/release`, `/console/users/${bIds['/users/:id']}`]) {
        const r = await (adminActions.has(action) ? admin : a).request(action, { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: 'status=closed&note=x&disabled=true' });
        assert.equal(r.status, 404, `${action} answered ${r.status}`);
      }
      assert.equal((await getIncident(fx.store.db, bIds['/incidents/:id']!))?.status, 'new');
      assert.deepEqual((await listQuarantine(fx.store.db)).map((q) => [q.ip, q.org]), [['10.66.0.1', 'org-b']]);
      assert.equal((await getUser(fx.store.db, { id: bIds['/users/:id']! }))?.disabled, false);
      const slipped = await admin.request('/console/users', { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=slipped&password=long+enough+password&role=viewer&org=org-b' });
      assert.equal(slipped.status, 404);
      assert.equal(await getUser(fx.store.db, { username: 'slipped' }), undefined);
    });

    it('lets the centre read across organisations but not change them', async () => {
      const center = await signInAs(fx.app, 'center');
      const events = (await (await center.request('/api/v1/events')).json()) as { items: { org: string }[] };
      assert.deepEqual([...new Set(events.items.map((e) => e.org))].sort(), ['org-a', 'org-b']);
      const onlyB = (await (await center.request('/api/v1/events?org=org-b')).json()) as { items: { org: string }[] };
      assert.ok(onlyB.items.length > 0 && onlyB.items.every((e) => e.org === 'org-b'));
      assert.equal((await center.request(`/api/v1/users/${bIds['/users/:id']}`, { method: 'PATCH', json: { disabled: true } })).status, 403);
      assert.equal((await center.request('/api/v1/policies', { method: 'PUT', json: { yaml: 'policy: {}\n', baseVersion: 0 } })).status, 403);
    });

    it('lets the centre link incidents of two organisations without either organisation learning of the other', async () => {
      const center = await signInAs(fx.app, 'center');
      const [own] = await listIncidents(fx.store.db, { org: 'org-a' });
      const bId = bIds['/incidents/:id']!;
      const res = await center.request(`/api/v1/incidents/${own!.id}/links`, { method: 'POST', json: { incidentId: bId, note: 'same campaign' } });
      assert.equal(res.status, 201, await res.clone().text());
      for (const [id, otherId] of [[own!.id, bId], [bId, own!.id]] as const) {
        const view = (await (await center.request(`/api/v1/incidents/${id}`)).json()) as { links: { incidentId: string; via: string; value: string }[] };
        assert.ok(view.links.some((l) => l.incidentId === otherId && l.via === 'center' && l.value === 'same campaign'), `${id} lacks the link`);
      }
      const a = clients.get('a-analyst')!;
      for (const path of [`/api/v1/incidents/${own!.id}`, `/incidents/${own!.id}`, `/api/v1/incidents/${own!.id}/report?format=md`]) {
        const text = await (await a.request(path)).text();
        for (const m of markers) assert.ok(!text.includes(m), `${path} leaked ${m} after the centre linked it`);
      }
      const audit = await (await clients.get('a-admin')!.request('/api/v1/audit')).text();
      assert.ok(!audit.includes(bId), 'org A’s audit log names org B’s incident');
    });
  });
}
