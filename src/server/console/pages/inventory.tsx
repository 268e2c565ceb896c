import { listInventoryRoute } from '../../api/inventory.js';
import { READERS } from '../../routes/define.js';
import { Chip, fmtBytes, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

export const inventoryPage = definePage({
  path: '/inventory',
  key: 'inventory',
  allow: READERS,
  nav: true,
  async render({ t, query, call }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ['host', 'label', 'pathPrefix', 'offset', 'org'].includes(k)));
    const result = await call(listInventoryRoute, { query: { ...q, limit: '50' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    return (
      <div>
        <form class="filters" method="get" action="/inventory">
          <label>
            {t('host')}
            <input name="host" value={q.host ?? ''} />
          </label>
          <label>
            {t('label')}
            <input name="label" value={q.label ?? ''} size={6} />
          </label>
          <label>
            {t('path')}
            <input name="pathPrefix" value={q.pathPrefix ?? ''} size={30} />
          </label>
          <button type="submit">{t('filter')}</button>
        </form>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('host')}</th>
                <th>{t('path')}</th>
                <th>{t('label')}</th>
                <th class="num">{t('size')}</th>
                <th>{t('findings')}</th>
                <th>{t('scannedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((e) => (
                <tr>
                  <td>{e.host}</td>
                  <td class="mono">{e.path}</td>
                  <td>
                    <Chip kind={e.label}>{e.label}</Chip>
                    {e.unscannable ? <Chip kind="unscannable">unscannable</Chip> : null}
                  </td>
                  <td class="num">{fmtBytes(e.size)}</td>
                  <td class="mono small">{e.findings.map((f) => `${f.detector}×${f.count} ${f.samples.slice(0, 2).join(' ')}`).join('; ')}</td>
                  <td class="nowrap">{fmtTime(e.scannedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/inventory" query={keep} page={result} />
      </div>
    );
  },
});
