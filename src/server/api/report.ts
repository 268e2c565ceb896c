import { z } from 'zod';
import { buildReport, renderHtml, renderMarkdown } from '../../incidents/index.js';
import { listBlocklist, listQuarantine } from '../../store/index.js';
import { defineRoute, READERS } from '../routes/define.js';
import { visibleView } from './incidents.js';

const CONTENT_TYPES = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

export const incidentReportRoute = defineRoute({
  method: 'get',
  path: '/incidents/:id/report',
  summary: 'The incident report (Japanese and English) that `mamori report` writes, as a download',
  tag: 'incidents',
  allow: READERS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  query: z.object({ format: z.enum(['md', 'html']).default('md') }),
  response: z.object({ fileName: z.string(), contentType: z.string(), text: z.string() }),
  file: { contentTypes: Object.values(CONTENT_TYPES), description: 'Markdown or HTML report, as an attachment' },
  async handler({ params, query, principal, deps }) {
    const view = await visibleView(deps, principal, params.id);
    // Only the incident's own organisation's quarantine entry may appear in its report.
    const quarantine = (await listQuarantine(deps.store.db)).filter((q) => q.org === view.org);
    const model = buildReport(view, { taxonomy: deps.taxonomy, blocklist: await listBlocklist(deps.store.db, { incidentId: view.id }), quarantine, generatedAt: new Date() });
    const text = query.format === 'md' ? renderMarkdown(model) : renderHtml(model);
    return { fileName: `${view.id}-report.${query.format}`, contentType: CONTENT_TYPES[query.format], text };
  },
});
