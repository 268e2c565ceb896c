import { listEventsRoute } from '../../api/events.js';
import { READERS } from '../../routes/define.js';
import { Chip, fmtBytes, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

const FILTERS = ['action', 'label', 'clientIp', 'destHost', 'since', 'until'] as const;

export const eventsPage = definePage({
  path: '/events',
  key: 'events',
  allow: READERS,
  nav: true,
  async render({ t, query, call, principal }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ((FILTERS as readonly string[]).includes(k) || k === 'offset' || k === 'org')));
    const result = await call(listEventsRoute, { query: { ...q, limit: '50' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    return (
      <div>
        <form class="filters" method="get" action="/events">
          <label>
            {t('action')}
            <select name="action">
              <option value="">{t('all')}</option>
              {(['block', 'alert', 'allow'] as const).map((a) => (
                <option value={a} selected={q.action === a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('label')}
            <input name="label" value={q.label ?? ''} size={6} />
          </label>
          <label>
            {t('client')}
            <input name="clientIp" value={q.clientIp ?? ''} size={14} />
          </label>
          <label>
            {t('destination')}
            <input name="destHost" value={q.destHost ?? ''} size={18} />
          </label>
          <label>
            {t('since')}
            <input name="since" type="date" value={q.since?.slice(0, 10) ?? ''} />
          </label>
          <label>
            {t('until')}
            <input name="until" type="date" value={q.until?.slice(0, 10) ?? ''} />
          </label>
          <button type="submit">{t('filter')}</button>
          <a href="/events" class="button-secondary">
            {t('clear')}
          </a>
        </form>
        <div class="table-wrap">
          <table data-testid="events-table">
            <thead>
              <tr>
                <th>{t('time')}</th>
                {principal.role === 'center' ? <th>{t('org')}</th> : null}
                <th>{t('action')}</th>
                <th>{t('label')}</th>
                <th>{t('client')}</th>
                <th>{t('destination')}</th>
                <th>{t('file')}</th>
                <th class="num">{t('size')}</th>
                <th>{t('rule')}</th>
                <th>{t('evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr>
                  <td class="nowrap">{fmtTime(e.time)}</td>
                  {principal.role === 'center' ? <td>{e.org}</td> : null}
                  <td>
                    <Chip kind={e.action}>{e.action}</Chip>
                    {e.monitored ? <span class="muted"> (monitor)</span> : null}
                  </td>
                  <td>
                    <Chip kind={e.label}>{e.label}</Chip>
                  </td>
                  <td class="mono">{e.clientIp ?? ''}{e.user ? ` (${e.user})` : ''}</td>
                  <td class="mono">{e.destHost ?? e.destIp ?? ''}</td>
                  <td>{e.fileName ?? ''}</td>
                  <td class="num">{fmtBytes(e.bytes)}</td>
                  <td>{e.rule}</td>
                  <td class="mono small">
                    {e.findings.map((f) => `${f.detector}×${f.count} ${f.samples.slice(0, 2).join(' ')}`).join('; ')}
                    {e.matches.length > 0 ? ` ${e.matches.map((m) => `${m.path} ${Math.round(m.coverage * 100)}%`).join('; ')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/events" query={keep} page={result} />
      </div>
    );
  },
});
