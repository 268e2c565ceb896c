import { getIncidentRoute, listIncidentsRoute } from '../../api/incidents.js';
import { listQuarantineRoute } from '../../api/quarantine.js';
import { READERS } from '../../routes/define.js';
import { Card, Chip, fmtBytes, fmtTime, Pager } from '../components.js';
import { definePage } from '../page.js';

const STATUSES = ['new', 'investigating', 'contained', 'closed'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export const incidentsPage = definePage({
  path: '/incidents',
  key: 'incidents',
  allow: READERS,
  nav: true,
  async render({ t, query, call, principal }) {
    const q = Object.fromEntries(Object.entries(query).filter(([k, v]) => v !== '' && ['status', 'severity', 'host', 'offset', 'org'].includes(k)));
    const result = await call(listIncidentsRoute, { query: { ...q, limit: '50' } });
    const keep = Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'offset'));
    return (
      <div>
        <form class="filters" method="get" action="/incidents">
          <label>
            {t('status')}
            <select name="status">
              <option value="">{t('all')}</option>
              {STATUSES.map((s) => (
                <option value={s} selected={q.status === s}>
                  {t(`status_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('severity')}
            <select name="severity">
              <option value="">{t('all')}</option>
              {SEVERITIES.map((s) => (
                <option value={s} selected={q.severity === s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('host')}
            <input name="host" value={q.host ?? ''} size={16} />
          </label>
          <button type="submit">{t('filter')}</button>
        </form>
        <div class="table-wrap">
          <table data-testid="incidents-table">
            <thead>
              <tr>
                <th>{t('severity')}</th>
                <th>{t('host')}</th>
                {principal.role === 'center' ? <th>{t('org')}</th> : null}
                <th>{t('status')}</th>
                <th>{t('label')}</th>
                <th class="num">{t('docsShort')}</th>
                <th>{t('assignee')}</th>
                <th>{t('lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((i) => (
                <tr>
                  <td>
                    <Chip kind={`sev-${i.severity}`}>{i.severity}</Chip>
                  </td>
                  <td class="mono">
                    <a href={`/incidents/${i.id}`}>{i.host}</a>{' '}
                    {i.leaked ? <Chip kind="block">{t('leaked')}</Chip> : null}
                  </td>
                  {principal.role === 'center' ? <td>{i.org}</td> : null}
                  <td>
                    <Chip kind={`st-${i.status}`}>{t(`status_${i.status}`)}</Chip>
                  </td>
                  <td>
                    <Chip kind={i.topLabel}>{i.topLabel}</Chip>
                  </td>
                  <td class="num">{i.docCount}</td>
                  <td>{i.assignee ?? ''}</td>
                  <td class="nowrap">{fmtTime(i.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.items.length === 0 ? <p class="muted empty">{t('nothingYet')}</p> : null}
        </div>
        <Pager t={t} path="/incidents" query={keep} page={result} />
      </div>
    );
  },
});

export const incidentPage = definePage({
  path: '/incidents/:id',
  key: 'incident',
  allow: READERS,
  nav: false,
  async render({ t, params, call, principal }) {
    const v = await call(getIncidentRoute, { params: { id: params.id } });
    const canWrite = principal.role === 'admin' || principal.role === 'analyst';
    const quarantined = canWrite && v.host !== null && (await call(listQuarantineRoute, { query: { ip: v.host, org: v.org, limit: '1' } })).items.length > 0;
    return (
      <div class="incident">
        <div class="incident-head">
          <Chip kind={`sev-${v.severity}`}>{v.severity}</Chip>
          <span class="mono big">{v.host}</span>
          <Chip kind={`st-${v.status}`}>
            <span data-testid="incident-status">{t(`status_${v.status}`)}</span>
          </Chip>
          <span class="muted">
            {v.org} · {fmtTime(v.firstSeen)} → {fmtTime(v.lastSeen)}
          </span>
          <a class="button-secondary small" href={`/api/v1/incidents/${v.id}/stix`} download={`${v.id}.stix.json`} hx-boost="false">
            STIX 2.1
          </a>
          <a class="button-secondary small" data-testid="download-report" href={`/api/v1/incidents/${v.id}/report?format=html`} download={`${v.id}-report.html`} hx-boost="false">
            {t('downloadReport')}
          </a>
          <a class="button-secondary small" href={`/api/v1/incidents/${v.id}/report?format=md`} download={`${v.id}-report.md`} hx-boost="false">
            Markdown
          </a>
        </div>
        {canWrite ? (
          <Card title={t('actions')}>
            <form class="filters" hx-post={`/console/incidents/${v.id}`} hx-target="#incident-result">
              <label>
                {t('status')}
                <select name="status" data-testid="status-select">
                  {STATUSES.map((s) => (
                    <option value={s} selected={v.status === s}>
                      {t(`status_${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('assignee')}
                <input name="assignee" value={v.assignee ?? ''} maxlength={64} />
              </label>
              <label class="grow">
                {t('note')}
                <input name="note" maxlength={10000} />
              </label>
              <button type="submit">{t('apply')}</button>
              <button type="button" class="button-secondary" hx-post={`/console/incidents/${v.id}/blocklist`} hx-target="#incident-result">
                {t('blockDestinations')}
              </button>
              {quarantined ? (
                <button type="button" class="button-secondary" data-testid="release-host" hx-post={`/console/incidents/${v.id}/release`} hx-target="#incident-result">
                  {t('releaseHost')}
                </button>
              ) : (
                <button type="button" class="button-secondary" data-testid="quarantine-host" hx-post={`/console/incidents/${v.id}/quarantine`} hx-target="#incident-result">
                  {t('quarantineHost')}
                </button>
              )}
            </form>
            <div id="incident-result" aria-live="polite" />
          </Card>
        ) : null}
        <div class="grid">
          <Card title={`${t('docsShort')} (${v.documents.length})`}>
            <ul class="history">
              {v.documents.map((d) => (
                <li>
                  <Chip kind={d.label}>{d.label}</Chip> <span class="mono">{d.path}</span>
                  <div class="muted small">
                    {d.status} · {fmtBytes(d.bytes)} · → {d.destinations.join(', ')}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={`${t('destination')} (${v.destinations.length})`}>
            <ul class="history">
              {v.destinations.map((d) => (
                <li>
                  <span class="mono">{d.host ?? d.ip}</span> {d.host && d.ip ? <span class="muted mono small">{d.ip}</span> : null}
                  <div class="muted small">
                    {fmtBytes(d.bytesOut)} out · {d.uploads} uploads · {d.findings} findings · {fmtTime(d.firstSeen)}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={`${t('networkEvidence')} (${v.findings.length})`}>
            <ul class="history">
              {v.findings.map((f) => (
                <li>
                  <Chip kind={`sev-${f.severity}`}>{f.kind}</Chip> <span class="mono small">{f.src} → {f.dstHost ?? f.dst}{f.port ? `:${f.port}` : ''}</span>
                  <div class="muted small">
                    score {f.score.toFixed(2)} · {f.connections} conns · {f.reasons.slice(0, 2).join('; ')}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </div>
        {v.links.length > 0 || principal.role === 'center' ? (
          <Card title={`${t('relatedIncidents')} (${v.links.length})`}>
            <ul class="history" data-testid="incident-links">
              {v.links.map((l) => (
                <li>
                  <a class="mono" href={`/incidents/${l.incidentId}`}>
                    {l.incidentId}
                  </a>{' '}
                  <span class="muted small">
                    {l.via} {l.value}
                  </span>
                </li>
              ))}
            </ul>
            {principal.role === 'center' ? (
              <form class="filters" hx-post={`/console/incidents/${v.id}/links`} hx-target="#link-result">
                <label>
                  {t('linkedIncidentId')}
                  <input name="incidentId" required maxlength={64} />
                </label>
                <label class="grow">
                  {t('note')}
                  <input name="note" maxlength={500} />
                </label>
                <button type="submit">{t('linkIncident')}</button>
              </form>
            ) : null}
            <div id="link-result" aria-live="polite" />
          </Card>
        ) : null}
        <Card title={t('timeline')} class="timeline-card">
          <ol class="timeline">
            {v.timeline.map((e) => (
              <li>
                <span class="nowrap muted">{fmtTime(e.time)}</span>
                <span class="chip">{e.kind}</span>
                <span>{e.summary}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    );
  },
});
