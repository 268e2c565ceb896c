import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LabelId } from '../core/index.js';
import { extract, type ExtractConfig } from '../extract/index.js';
import { SCHEME, encodeFingerprints, fingerprintText, tooShort } from '../fingerprint/index.js';
import { getDocumentByPath, registerDocument, type Db } from '../store/index.js';
import { documentText } from './document-text.js';

export interface RegisterOptions {
  readonly org: string;
  readonly label: LabelId;
  readonly owner: string | null;
  readonly limits: ExtractConfig;
}

/** What happened to one file; `mamori register` prints one per file. */
export interface RegisterOutcome {
  readonly path: string;
  readonly status: 'registered' | 'replaced' | 'unchanged' | 'skipped';
  readonly docId: string | null;
  readonly label: LabelId;
  readonly size: number;
  /** Normalised characters fingerprinted. */
  readonly chars: number;
  readonly fingerprints: number;
  /** Why a file was skipped, or extraction problems of a registered one. */
  readonly message: string | null;
}

/**
 * Extracts, normalises and fingerprints one file and stores it, replacing the fingerprints of an earlier
 * registration of the same path. A file whose bytes, label and owner are unchanged is left as it is.
 *
 * @example
 * const outcome = await registerFile(store.db, '/share/予算.docx', { org: 'default', label: 'c2', owner: null, limits });
 */
export async function registerFile(db: Db, path: string, options: RegisterOptions, mtimeMs = 0): Promise<RegisterOutcome> {
  const none = { path, docId: null, label: options.label, chars: 0, fingerprints: 0 };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ...none, status: 'skipped', size: 0, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return registerBytes(db, path, bytes, options, mtimeMs);
}

/**
 * Registers content already in memory under `path` (an upload through the API names its own path),
 * with the same checks and outcome as `registerFile`.
 *
 * @example
 * const outcome = await registerBytes(store.db, '/share/予算.docx', bytes, { org: 'default', label: 'c2', owner: null, limits });
 */
export async function registerBytes(db: Db, path: string, bytes: Uint8Array, options: RegisterOptions, mtimeMs = 0): Promise<RegisterOutcome> {
  const none = { path, docId: null, label: options.label, chars: 0, fingerprints: 0 };
  const size = bytes.byteLength;
  if (size > options.limits.maxInputBytes) {
    return { ...none, status: 'skipped', size, message: `${size} bytes is over the ${options.limits.maxInputBytes}-byte input limit` };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const previous = await getDocumentByPath(db, options.org, path);
  if (previous && previous.sha256 === sha256 && previous.scheme === SCHEME && previous.label === options.label && previous.owner === options.owner) {
    return { ...none, status: 'unchanged', docId: previous.id, size, chars: previous.chars, fingerprints: previous.fingerprintCount, message: null };
  }
  const x = await extract(bytes, { name: path, limits: options.limits });
  const fp = fingerprintText(documentText(x.parts));
  const problems = x.unscannable ? x.unscannableReasons.join('; ') || 'unscannable' : x.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  if (tooShort(fp)) {
    return { ...none, status: 'skipped', size, chars: fp.chars, message: `too little text to fingerprint (${fp.chars} normalised characters)${problems ? `; ${problems}` : ''}` };
  }
  const { id, replaced } = await registerDocument(db, {
    org: options.org,
    path,
    label: options.label,
    owner: options.owner,
    size,
    sha256,
    mtimeMs,
    chars: fp.chars,
    fingerprintCount: fp.distinct,
    scheme: SCHEME,
    fingerprints: encodeFingerprints(fp.hashes, fp.positions),
    checks: fp.checks,
  });
  return { path, status: replaced ? 'replaced' : 'registered', docId: id, label: options.label, size, chars: fp.chars, fingerprints: fp.distinct, message: problems || null };
}
