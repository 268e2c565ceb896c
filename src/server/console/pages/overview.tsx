import { raw } from 'hono/html';
import { overviewRoute } from '../../api/overview.js';
import { READERS } from '../../routes/define.js';
import { BarList, Card, Chip } from '../components.js';

const STATUSES = ['new', 'investigating', 'contained', 'closed'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
import { definePage } from '../page.js';

export const overviewPage = definePage({
  path: '/',
  key: 'overview',
  allow: READERS,
  nav: true,
  async render({ t, query, call }) {
    const days = query.days ?? '7';
    const o = await call(overviewRoute, { query: { days, ...(query.org ? { org: query.org } : {}) } });
    const sum = (k: 'total' | 'blocked' | 'alerted') => o.timeline.reduce((a, p) => a + p[k], 0);
    const chart = { bucket: o.bucket, x: o.timeline.map((p) => p.bucket), total: o.timeline.map((p) => p.total), blocked: o.timeline.map((p) => p.blocked), alerted: o.timeline.map((p) => p.alerted), labels: { total: t('total'), blocked: t('blocked'), alerted: t('alerted') } };
    return (
      <div class="overview">
        <div class="range">
          {['1', '7', '30', '90'].map((d) => (
            <a href={`/?days=${d}`} class={d === days ? 'active' : undefined}>
              {t('lastDays', { n: d })}
            </a>
          ))}
        </div>
        <div class="stats">
          <div class="stat">
            <span class="stat-label">{t('total')}</span>
            <span class="stat-value" data-testid="stat-total">{sum('total').toLocaleString('en')}</span>
          </div>
          <div class="stat stat-block">
            <span class="stat-label">{t('blocked')}</span>
            <span class="stat-value" data-testid="stat-blocked">{sum('blocked').toLocaleString('en')}</span>
          </div>
          <div class="stat stat-alert">
            <span class="stat-label">{t('alerted')}</span>
            <span class="stat-value">{sum('alerted').toLocaleString('en')}</span>
          </div>
        </div>
        <Card title={t('eventsOverTime')} class="wide">
          {sum('total') === 0 ? <p class="muted">{t('nothingYet')}</p> : <div id="timeline-chart" class="chart" />}
          <script type="application/json" id="timeline-data">
            {/* `<` escaped: the data can never close the script element. */}
            {raw(JSON.stringify(chart).replace(/</g, '\\u003c'))}
          </script>
        </Card>
        <div class="grid">
          <Card title={t('incidentsBy')} class="wide">
            <table class="matrix" data-testid="incident-matrix">
              <thead>
                <tr>
                  <th />
                  {STATUSES.map((st) => (
                    <th class="num">{t(`status_${st}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {SEVERITIES.map((sev) => (
                  <tr>
                    <td>
                      <Chip kind={`sev-${sev}`}>{sev}</Chip>
                    </td>
                    {STATUSES.map((st) => {
                      const n = o.incidents.find((x) => x.severity === sev && x.status === st)?.count ?? 0;
                      return <td class="num">{n > 0 ? <a href={`/incidents?severity=${sev}&status=${st}`}>{n}</a> : <span class="muted">0</span>}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title={t('topHosts')}>
            <BarList items={o.topHosts} empty={t('nothingYet')} />
          </Card>
          <Card title={t('topDestinations')}>
            <BarList items={o.topDestinations} empty={t('nothingYet')} />
          </Card>
          <Card title={t('blockedLabels')}>
            <BarList items={o.blockedLabels} empty={t('nothingYet')} chip />
          </Card>
          <Card title={t('topRules')}>
            <BarList items={o.topRules} empty={t('nothingYet')} />
          </Card>
        </div>
      </div>
    );
  },
});
