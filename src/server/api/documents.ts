import { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { registerBytes } from '../../registry/index.js';
import { listDocuments, unregisterDocument } from '../../store/index.js';
import { notFound, orgFilter } from '../auth/principal.js';
import { defineRoute, READERS, WRITERS } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';
import { readLimitedForm } from './upload.js';

export const documentSchema = z.object({
  id: z.string(),
  org: z.string(),
  path: z.string(),
  label: z.string(),
  owner: z.string().nullable(),
  size: z.number(),
  sha256: z.string(),
  mtimeMs: z.number(),
  chars: z.number(),
  fingerprintCount: z.number(),
  scheme: z.string(),
  registeredAt: z.string(),
});

export const listDocumentsRoute = defineRoute({
  method: 'get',
  path: '/documents',
  summary: 'Registered (fingerprinted) sensitive documents, by path',
  tag: 'documents',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional(), pathPrefix: z.string().max(4096).optional(), label: z.string().max(64).optional() }),
  response: pageOf(documentSchema),
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org);
    const all = await listDocuments(deps.store.db, { ...(org ? { org } : {}), ...(query.pathPrefix ? { pathPrefix: query.pathPrefix } : {}) });
    const rows = all.filter((d) => !query.label || d.label === query.label);
    return page(rows.slice(query.offset, query.offset + query.limit + 1), query);
  },
});

const uploadFields = z.object({
  label: z.string().min(1).max(64),
  owner: z.string().max(200).optional(),
  path: z.string().min(1).max(4096).optional().describe('Where the document lives (share path); default: the uploaded file name.'),
});

export const registerDocumentRoute = defineRoute({
  method: 'post',
  path: '/documents',
  summary: 'Registers a document by upload (multipart/form-data: file, label, owner?, path?)',
  tag: 'documents',
  allow: WRITERS,
  scope: 'org',
  rawBody: { contentType: 'multipart/form-data', description: 'Fields: `file` (the document), `label` (e.g. c2), optional `owner` and `path`.' },
  response: z.object({
    path: z.string(),
    status: z.enum(['registered', 'replaced', 'unchanged', 'skipped']),
    docId: z.string().nullable(),
    label: z.string(),
    size: z.number(),
    chars: z.number(),
    fingerprints: z.number(),
    message: z.string().nullable(),
  }),
  status: 201,
  async handler({ request, principal, deps, audit }) {
    const limits = deps.config.extract;
    // Room for the multipart framing and the text fields around the file.
    const form = await readLimitedForm(request, Math.min(deps.config.server.maxUploadBytes, limits.maxInputBytes) + 65_536);
    const file = form.get('file');
    if (!(file instanceof File)) throw new MamoriError('ERR_INPUT', 'body.file: attach the document as the "file" field');
    const text = (k: string) => (typeof form.get(k) === 'string' && form.get(k) !== '' ? (form.get(k) as string) : undefined);
    const fields = uploadFields.safeParse({ label: text('label'), owner: text('owner'), path: text('path') });
    if (!fields.success) throw new MamoriError('ERR_INPUT', fields.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`).join('; '));
    if (!deps.taxonomy.has(fields.data.label)) throw new MamoriError('ERR_INPUT', `body.label: one of ${deps.taxonomy.labels.map((l) => l.id).join('|')}`);
    const path = fields.data.path ?? (file.name || 'upload');
    const outcome = await registerBytes(deps.store.db, path, new Uint8Array(await file.arrayBuffer()), { org: principal.org, label: fields.data.label, owner: fields.data.owner ?? null, limits });
    await audit('document.register', outcome.docId ?? path, { path, label: outcome.label, status: outcome.status });
    return outcome;
  },
});

export const unregisterDocumentRoute = defineRoute({
  method: 'delete',
  path: '/documents/:id',
  summary: 'Unregisters a document: its content is no longer recognised',
  tag: 'documents',
  allow: WRITERS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  response: documentSchema,
  async handler({ params, principal, deps, audit }) {
    if (!params.id.startsWith('doc_')) throw notFound('document', params.id);
    // Scoped to the caller's own organisation: another's id matches nothing, exactly like an unknown one.
    const [removed] = await unregisterDocument(deps.store.db, principal.org, params.id);
    if (!removed) throw notFound('document', params.id);
    await audit('document.unregister', removed.id, { path: removed.path, label: removed.label });
    return removed;
  },
});
