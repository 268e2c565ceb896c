import { getPolicyRoute, listPolicyVersionsRoute } from '../../api/policies.js';
import { READERS } from '../../routes/define.js';
import { Card, fmtTime } from '../components.js';
import { definePage } from '../page.js';

export const policiesPage = definePage({
  path: '/policies',
  key: 'policies',
  allow: READERS,
  nav: true,
  async render({ t, call, principal }) {
    const current = await call(getPolicyRoute, { query: {} });
    const history = await call(listPolicyVersionsRoute, { query: { limit: '20' } });
    const canEdit = principal.role === 'admin';
    const canValidate = canEdit || principal.role === 'analyst';
    return (
      <div class="grid policy">
        <Card title={`${t('version')} ${current.version}`} class="wide">
          <form hx-post="/console/policies" hx-target="#policy-result">
            <input type="hidden" name="baseVersion" value={String(current.version)} />
            <textarea name="yaml" rows={18} spellcheck={false} class="mono" readonly={!canValidate} data-testid="policy-yaml">
              {current.yaml}
            </textarea>
            {canEdit ? <input name="comment" placeholder={t('comment')} maxlength={500} /> : null}
            <div class="actions">
              {canValidate ? (
                <button type="submit" name="intent" value="validate" class="button-secondary">
                  {t('validate')}
                </button>
              ) : null}
              {canEdit ? (
                <button type="submit" name="intent" value="save">
                  {t('save')}
                </button>
              ) : null}
            </div>
          </form>
          <div id="policy-result" aria-live="polite" />
        </Card>
        <Card title={t('history')}>
          <ul class="history">
            {history.items.map((v) => (
              <li>
                <strong>v{v.version}</strong> <span class="muted">{fmtTime(v.createdAt)} · {v.createdBy}</span>
                <div>{v.comment}</div>
              </li>
            ))}
          </ul>
          {history.items.length === 0 ? <p class="muted">{t('noVersions')}</p> : null}
        </Card>
      </div>
    );
  },
});
