import { listFindingsRoute } from '../../api/findings.js';
import { READERS } from '../../routes/define.js';
import { Chip, fmtBytes, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

const KINDS = ['beacon', 'dns-tunnel', 'exfil-volume', 'long-connection', 'rare-destination', 'strobe'] as const;

export const findingsPage = definePage({
  path: '/findings',
  key: 'findingsNet',
  allow: READERS,
  nav: true,
  async render({ t, query, call, principal }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ['kind', 'minScore', 'offset', 'org'].includes(k)));
    const result = await call(listFindingsRoute, { query: { ...q, limit: '50' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    return (
      <div>
        <form class="filters" method="get" action="/findings">
          <label>
            {t('kind')}
            <select name="kind">
              <option value="">{t('all')}</option>
              {KINDS.map((k) => (
                <option value={k} selected={q.kind === k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('score')} ≥
            <input name="minScore" value={q.minScore ?? ''} size={4} inputmode="decimal" />
          </label>
          <button type="submit">{t('filter')}</button>
        </form>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('kind')}</th>
                {principal.role === 'center' ? <th>{t('org')}</th> : null}
                <th>{t('client')}</th>
                <th>{t('destination')}</th>
                <th class="num">{t('score')}</th>
                <th class="num">{t('connections')}</th>
                <th class="num">{t('size')}</th>
                <th>{t('lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((f) => (
                <tr title={f.reasons.join('\n')}>
                  <td>
                    <Chip kind={`sev-${f.severity}`}>{f.kind}</Chip>
                  </td>
                  {principal.role === 'center' ? <td>{f.org}</td> : null}
                  <td class="mono">{f.src}</td>
                  <td class="mono">
                    {f.dstHost ?? f.dst}
                    {f.port ? `:${f.port}` : ''}
                  </td>
                  <td class="num">{f.score.toFixed(2)}</td>
                  <td class="num">{f.connections.toLocaleString('en')}</td>
                  <td class="num">{fmtBytes(f.bytesOut)}</td>
                  <td class="nowrap">{fmtTime(f.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/findings" query={keep} page={result} />
      </div>
    );
  },
});
