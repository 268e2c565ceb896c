import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId, type MamoriEvent } from '../../core/index.js';
import type { Store } from '../connect.js';
import { DIALECTS, openTestStore, skipReason } from '../test-support/dialects.js';
import { createApiToken, getActiveApiToken, listApiTokens, revokeApiToken, touchApiToken } from './api-tokens.js';
import { listAudit, recordAudit } from './audit.js';
import { eventTimeline, topEventValues } from './event-stats.js';
import { insertEvents } from './events.js';
import { createOrg, getOrgByName, listOrgs } from './orgs.js';
import { getPolicyVersion, listPolicyVersions, savePolicyVersion } from './policy-versions.js';
import { createSession, deleteSessions, getLiveSession } from './sessions.js';
import { countUsers, createUser, getUserCredentials, listUsers, updateUser } from './users.js';

function ev(over: Partial<MamoriEvent>): MamoriEvent {
  return {
    id: newId('evt'), org: 'mof', time: '2026-11-01T10:15:00.000Z', channel: 'icap', action: 'allow', monitored: false, rule: 'r', reason: 'r',
    clientIp: '10.0.0.1', user: null, method: 'POST', url: null, destHost: 'a.example', destIp: null, bytes: 1, label: 'c1', unscannable: false,
    sha256: null, fileName: null, findings: [], matches: [], ...over,
  };
}

for (const dialect of DIALECTS) {
  describe(`auth repositories (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('creates organisations once by name', async () => {
      assert.ok(await createOrg(store.db, 'mof'));
      assert.equal(await createOrg(store.db, 'mof'), undefined);
      assert.ok(await createOrg(store.db, 'mhlw'));
      assert.deepEqual((await listOrgs(store.db)).map((o) => o.name), ['mhlw', 'mof']);
      assert.deepEqual((await listOrgs(store.db, { names: ['mof'] })).map((o) => o.name), ['mof']);
      assert.deepEqual(await listOrgs(store.db, { names: [] }), []);
      assert.equal((await getOrgByName(store.db, 'mhlw'))?.name, 'mhlw');
    });

    it('keeps usernames unique, hides the hash from listings and updates flags', async () => {
      const u = await createUser(store.db, { org: 'mof', username: '佐藤', role: 'analyst', passwordHash: '$argon2id$x' });
      assert.ok(u);
      assert.equal(await createUser(store.db, { org: 'mhlw', username: '佐藤', role: 'viewer', passwordHash: 'y' }), undefined);
      const creds = await getUserCredentials(store.db, '佐藤');
      assert.equal(creds?.passwordHash, '$argon2id$x');
      const listed = await listUsers(store.db, { orgs: ['mof'] });
      assert.equal(listed.length, 1);
      assert.equal('passwordHash' in listed[0]!, false);
      const changed = await updateUser(store.db, u.id, { disabled: true, role: 'viewer' });
      assert.equal(changed?.disabled, true);
      assert.equal(changed?.role, 'viewer');
      assert.equal(await countUsers(store.db), 1);
    });

    it('finds live sessions only, and not for disabled accounts', async () => {
      const u = await createUser(store.db, { org: 'mof', username: 'tanaka', role: 'admin', passwordHash: 'h' });
      assert.ok(u);
      const now = new Date('2026-11-01T00:00:00Z');
      await createSession(store.db, { idHash: 'h1', userId: u.id, csrfToken: 'c', ip: null, createdAt: now.toISOString(), expiresAt: '2026-11-01T08:00:00.000Z' });
      assert.equal((await getLiveSession(store.db, 'h1', now))?.user.username, 'tanaka');
      assert.equal(await getLiveSession(store.db, 'h1', new Date('2026-11-01T09:00:00Z')), undefined);
      assert.equal(await getLiveSession(store.db, 'nope', now), undefined);
      await updateUser(store.db, u.id, { disabled: true });
      assert.equal(await getLiveSession(store.db, 'h1', now), undefined);
      assert.equal(await deleteSessions(store.db, { expiredBefore: new Date('2026-11-02T00:00:00Z') }), 1);
    });

    it('revokes tokens for good and records their use', async () => {
      const t = await createApiToken(store.db, { id: 'tok_1', org: 'mof', name: 'sensor', role: 'analyst', tokenHash: 'th', createdBy: 'tanaka' });
      assert.equal((await getActiveApiToken(store.db, 'th'))?.id, t.id);
      await touchApiToken(store.db, t.id, new Date('2026-11-01T01:00:00Z'));
      assert.equal((await listApiTokens(store.db, { orgs: ['mof'] }))[0]?.lastUsedAt, '2026-11-01T01:00:00.000Z');
      assert.equal(await revokeApiToken(store.db, t.id), true);
      assert.equal(await revokeApiToken(store.db, t.id), false);
      assert.equal(await getActiveApiToken(store.db, 'th'), undefined);
      assert.deepEqual(await listApiTokens(store.db, { orgs: ['mhlw'] }), []);
    });

    it('appends and filters the audit log newest first', async () => {
      await recordAudit(store.db, { org: 'mof', actor: 'tanaka', action: 'auth.login', ip: '10.0.0.1' }, new Date('2026-11-01T00:00:00Z'));
      await recordAudit(store.db, { org: 'mof', actor: 'tanaka', action: 'user.create', target: '佐藤', detail: { role: 'analyst' } }, new Date('2026-11-01T00:01:00Z'));
      await recordAudit(store.db, { org: 'mhlw', actor: 'x', action: 'auth.login' }, new Date('2026-11-01T00:02:00Z'));
      const mof = await listAudit(store.db, { orgs: ['mof'] });
      assert.deepEqual(mof.map((a) => a.action), ['user.create', 'auth.login']);
      assert.deepEqual(mof[0]?.detail, { role: 'analyst' });
      assert.equal((await listAudit(store.db, { action: 'auth.login' })).length, 2);
    });

    it('versions policies and refuses a save on a stale base', async () => {
      const v1 = await savePolicyVersion(store.db, { org: 'mof', baseVersion: 0, yaml: 'policy: {}\n', comment: 'first', createdBy: 'tanaka' });
      assert.equal(v1?.version, 1);
      assert.equal(await savePolicyVersion(store.db, { org: 'mof', baseVersion: 0, yaml: 'x', comment: 'stale', createdBy: 'tanaka' }), undefined);
      await savePolicyVersion(store.db, { org: 'mof', baseVersion: 1, yaml: 'policy:\n  mode: monitor\n', comment: 'monitor', createdBy: 'tanaka' });
      assert.equal((await getPolicyVersion(store.db, 'mof'))?.version, 2);
      assert.equal((await getPolicyVersion(store.db, 'mof', 1))?.comment, 'first');
      assert.equal(await getPolicyVersion(store.db, 'mhlw'), undefined);
      assert.deepEqual((await listPolicyVersions(store.db, 'mof')).map((v) => v.version), [2, 1]);
    });

    it('buckets events over time and ranks hosts and destinations', async () => {
      await insertEvents(store.db, [
        ev({ action: 'block', destHost: 'evil.example', label: 'c3' }),
        ev({ action: 'block', destHost: 'evil.example', time: '2026-11-01T11:00:00.000Z', label: 'c2' }),
        ev({ action: 'alert', time: '2026-11-01T11:30:00.000Z' }),
        ev({ org: 'mhlw', action: 'block' }),
      ]);
      const points = await eventTimeline(store.db, { org: 'mof', since: '2026-11-01T00:00:00.000Z' }, 'hour');
      assert.deepEqual(points, [
        { bucket: '2026-11-01T10', total: 1, blocked: 1, alerted: 0 },
        { bucket: '2026-11-01T11', total: 2, blocked: 1, alerted: 1 },
      ]);
      const days = await eventTimeline(store.db, { since: '2026-11-01T00:00:00.000Z' }, 'day');
      assert.deepEqual(days, [{ bucket: '2026-11-01', total: 4, blocked: 3, alerted: 1 }]);
      assert.deepEqual(await topEventValues(store.db, { org: 'mof', since: '2026-11-01T00:00:00.000Z' }, 'dest_host', { action: 'block' }), [{ value: 'evil.example', count: 2 }]);
      const labels = await topEventValues(store.db, { org: 'mof', since: '2026-11-01T00:00:00.000Z' }, 'label', { action: 'block' });
      assert.deepEqual(labels, [{ value: 'c2', count: 1 }, { value: 'c3', count: 1 }]);
    });
  });
}
