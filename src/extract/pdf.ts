import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MamoriError } from '../core/index.js';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Handler } from './node.js';
import { msipLabels } from './ooxml/props.js';

type PdfJs = typeof PdfJsModule;
let pdfjsLoading: Promise<PdfJs> | undefined;
// Loaded on first use: most inputs are not PDFs and pdf.js costs ~100 ms to load.
const loadPdfJs = (): Promise<PdfJs> => (pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** CMaps let pdf.js map CID fonts (nearly every Japanese PDF) to Unicode; they ship inside pdfjs-dist. */
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = join(pdfjsDir, 'cmaps') + '/';
const FONT_URL = join(pdfjsDir, 'standard_fonts') + '/';

/**
 * What the extractor passes to pdf.js `getDocument`: no eval, no font loading, CMaps from pdfjs-dist.
 *
 * @example
 * const doc = await pdfjs.getDocument(pdfDocumentOptions(bytes)).promise;
 */
export function pdfDocumentOptions(bytes: Uint8Array): Parameters<PdfJs['getDocument']>[0] & object {
  return {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: FONT_URL,
    stopAtErrors: false,
  };
}

/**
 * PDF: the text of each page (up to the page limit) as `file.pdf/page-N`, the document information
 * dictionary as metadata, and MSIP labels that Office writes into its custom entries. A PDF that needs a
 * password is ERR_ENCRYPTED.
 *
 * @example
 * await pdfHandler(node); // parts a.pdf/page-1, a.pdf/page-2, a.pdf/info
 */
export const pdfHandler: Handler = async (node) => {
  const pdfjs = await loadPdfJs();
  const budget = node.sink.budget;
  const task = pdfjs.getDocument(pdfDocumentOptions(node.bytes));
  const destroy = (): void => void task.destroy().catch(() => {});
  try {
    const doc = await budget.race(task.promise, destroy).catch((e: unknown) => {
      throw toPdfError(e);
    });
    const pages = Math.min(doc.numPages, budget.limits.maxPdfPages);
    for (let n = 1; n <= pages; n++) {
      budget.checkTime();
      try {
        const text = await budget.race(pageText(doc, n), destroy);
        node.sink.text(`${node.path}/page-${n}`, 'body', 'application/pdf', text);
      } catch (e) {
        if (e instanceof MamoriError && e.code === 'ERR_TIMEOUT') throw e;
        node.sink.fail(`${node.path}/page-${n}`, toPdfError(e));
      }
    }
    if (doc.numPages > pages) {
      node.sink.fail(node.path, new MamoriError('ERR_LIMIT', `${doc.numPages} pages; only the first ${pages} were read`));
    }
    await readInfo(node, doc);
  } finally {
    destroy();
  }
};

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function pageText(doc: PdfDocument, n: number): Promise<string> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  page.cleanup();
  let out = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    out += item.str;
    if (item.hasEOL) out += '\n';
  }
  return out.trim();
}

const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

async function readInfo(node: Parameters<Handler>[0], doc: PdfDocument): Promise<void> {
  const { info } = await doc.getMetadata();
  const record = (info ?? {}) as Record<string, unknown>;
  const lines = INFO_KEYS.flatMap((k) => (typeof record[k] === 'string' && record[k] !== '' ? [`${k}: ${record[k]}`] : []));
  const custom = record['Custom'];
  const props = new Map<string, string>();
  if (custom && typeof custom === 'object') {
    for (const [k, v] of Object.entries(custom)) {
      const value = typeof v === 'string' ? v : typeof v === 'object' && v && 'name' in v ? String((v as { name: unknown }).name) : String(v);
      props.set(k, value);
      lines.push(`${k}: ${value}`);
    }
  }
  const path = `${node.path}/info`;
  node.sink.text(path, 'metadata', 'application/pdf', lines.join('\n'));
  for (const label of msipLabels(props, path)) node.sink.label(label);
}

function toPdfError(e: unknown): MamoriError {
  if (e instanceof MamoriError) return e;
  const name = (e as { name?: string } | undefined)?.name ?? '';
  const message = (e as Error | undefined)?.message ?? String(e);
  if (name === 'PasswordException') return new MamoriError('ERR_ENCRYPTED', `PDF is password-protected: ${message}`, { cause: e });
  return new MamoriError('ERR_PARSE', `unreadable PDF: ${message}`, { cause: e });
}
