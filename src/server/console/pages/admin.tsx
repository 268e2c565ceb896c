import { listAuditRoute } from '../../api/audit.js';
import { listOrgsRoute } from '../../api/orgs.js';
import { listTokensRoute } from '../../api/tokens.js';
import { listUsersRoute } from '../../api/users.js';
import { ADMINS, READERS } from '../../routes/define.js';
import { Card, Chip, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

export const usersPage = definePage({
  path: '/users',
  key: 'users',
  allow: ADMINS,
  nav: true,
  async render({ t, query, call, principal }) {
    const users = await call(listUsersRoute, { query: { limit: '100', ...(query.offset ? { offset: query.offset } : {}) } });
    return (
      <div>
        <Card title={t('addUser')}>
          <form class="filters" hx-post="/console/users" hx-target="#users-result">
            <label>
              {t('username')}
              <input name="username" required maxlength={64} autocomplete="off" />
            </label>
            <label>
              {t('password')}
              <input name="password" type="password" required minlength={12} maxlength={1024} autocomplete="new-password" />
            </label>
            <label>
              {t('role')}
              <select name="role">
                {(principal.operator ? ['viewer', 'analyst', 'admin', 'center'] : ['viewer', 'analyst', 'admin']).map((r) => (
                  <option value={r}>{r}</option>
                ))}
              </select>
            </label>
            {principal.operator ? (
              <label>
                {t('org')}
                <input name="org" value={principal.org} maxlength={64} />
              </label>
            ) : null}
            <button type="submit">{t('addUser')}</button>
          </form>
          <div id="users-result" aria-live="polite" />
        </Card>
        <div class="table-wrap" style="margin-top:1rem">
          <table>
            <thead>
              <tr>
                <th>{t('username')}</th>
                <th>{t('org')}</th>
                <th>{t('role')}</th>
                <th>{t('status')}</th>
                <th>{t('created')}</th>
              </tr>
            </thead>
            <tbody>
              {users.items.map((u) => (
                <tr>
                  <td>{u.username}</td>
                  <td>{u.org}</td>
                  <td>
                    <Chip kind={u.role}>{u.role}</Chip>
                  </td>
                  <td>
                    {u.disabled ? t('disabled') : t('active')}{' '}
                    {u.id !== principal.id ? (
                      <button type="button" class="button-secondary small" hx-post={`/console/users/${u.id}`} hx-vals={JSON.stringify({ disabled: u.disabled ? 'false' : 'true' })} hx-target="#users-result">
                        {u.disabled ? t('enable') : t('disable')}
                      </button>
                    ) : null}
                  </td>
                  <td class="nowrap">{fmtTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager t={t} path="/users" query={{}} page={users} />
      </div>
    );
  },
});

export const orgsPage = definePage({
  path: '/orgs',
  key: 'orgs',
  allow: READERS,
  nav: true,
  async render({ call }) {
    const orgs = await call(listOrgsRoute, {});
    return (
      <Card>
        <ul class="history">
          {orgs.items.map((o) => (
            <li>
              <strong>{o.name}</strong> <span class="muted">{fmtTime(o.createdAt)}</span>
            </li>
          ))}
        </ul>
      </Card>
    );
  },
});

export const tokensPage = definePage({
  path: '/tokens',
  key: 'tokens',
  allow: ADMINS,
  nav: true,
  async render({ t, query, call }) {
    const tokens = await call(listTokensRoute, { query: { limit: '100', ...(query.offset ? { offset: query.offset } : {}) } });
    return (
      <div>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('org')}</th>
                <th>{t('role')}</th>
                <th>{t('created')}</th>
                <th>{t('lastUsed')}</th>
                <th>{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.items.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>{k.org}</td>
                  <td>
                    <Chip kind={k.role}>{k.role}</Chip>
                  </td>
                  <td class="nowrap">{fmtTime(k.createdAt)} · {k.createdBy}</td>
                  <td class="nowrap">{fmtTime(k.lastUsedAt)}</td>
                  <td>{k.revokedAt ? `${t('revoked')} ${fmtTime(k.revokedAt)}` : t('active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {tokens.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/tokens" query={{}} page={tokens} />
      </div>
    );
  },
});

export const auditPage = definePage({
  path: '/audit',
  key: 'audit',
  allow: ['admin', 'center'],
  nav: true,
  async render({ t, query, call }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ['actor', 'action', 'offset', 'org'].includes(k)));
    const log = await call(listAuditRoute, { query: { ...q, limit: '100' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    return (
      <div>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('time')}</th>
                <th>{t('org')}</th>
                <th>{t('actor')}</th>
                <th>{t('action')}</th>
                <th>{t('target')}</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((a) => (
                <tr>
                  <td class="nowrap">{fmtTime(a.time)}</td>
                  <td>{a.org}</td>
                  <td>{a.actor}</td>
                  <td class="mono">{a.action}</td>
                  <td>{a.target ?? ''}</td>
                  <td class="mono">{a.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager t={t} path="/audit" query={keep} page={log} />
      </div>
    );
  },
});
