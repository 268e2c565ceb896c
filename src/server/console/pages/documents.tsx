import { listDocumentsRoute } from '../../api/documents.js';
import { READERS } from '../../routes/define.js';
import { Card, Chip, fmtBytes, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

export const documentsPage = definePage({
  path: '/documents',
  key: 'documents',
  allow: READERS,
  nav: true,
  async render({ t, query, call, principal, deps }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ['label', 'pathPrefix', 'offset', 'org'].includes(k)));
    const result = await call(listDocumentsRoute, { query: { ...q, limit: '50' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    const canWrite = principal.role === 'admin' || principal.role === 'analyst';
    return (
      <div>
        {canWrite ? (
          <Card title={t('registerDocument')}>
            <form class="filters upload" hx-post="/console/documents" hx-encoding="multipart/form-data" hx-target="#upload-result">
              <label>
                {t('file')}
                <input type="file" name="file" required />
              </label>
              <label>
                {t('label')}
                <select name="label">
                  {deps.taxonomy.labels.map((l) => (
                    <option value={l.id} selected={l.id === 'c2'}>
                      {l.id} {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('owner')}
                <input name="owner" maxlength={200} />
              </label>
              <label>
                {t('path')}
                <input name="path" maxlength={4096} size={30} placeholder="/share/…" />
              </label>
              <button type="submit">{t('register')}</button>
            </form>
            <div id="upload-result" aria-live="polite" />
          </Card>
        ) : null}
        <div class="table-wrap" style="margin-top:1rem">
          <table data-testid="documents-table">
            <thead>
              <tr>
                <th>{t('path')}</th>
                <th>{t('label')}</th>
                <th>{t('owner')}</th>
                <th class="num">{t('size')}</th>
                <th class="num">{t('fingerprints')}</th>
                <th>{t('registeredAt')}</th>
                {canWrite ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {result.items.map((d) => (
                <tr>
                  <td class="mono">{d.path}</td>
                  <td>
                    <Chip kind={d.label}>{d.label}</Chip>
                  </td>
                  <td>{d.owner ?? ''}</td>
                  <td class="num">{fmtBytes(d.size)}</td>
                  <td class="num">{d.fingerprintCount.toLocaleString('en')}</td>
                  <td class="nowrap">{fmtTime(d.registeredAt)}</td>
                  {canWrite ? (
                    <td>
                      <button type="button" class="button-secondary small" hx-post={`/console/documents/${d.id}/unregister`} hx-confirm={t('confirmUnregister')} hx-target="#upload-result">
                        {t('unregister')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {result.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/documents" query={keep} page={result} />
      </div>
    );
  },
});
