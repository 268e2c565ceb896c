import { createHash } from 'node:crypto';
import { classify } from './classify/index.js';
import type { MamoriConfig } from './config/index.js';
import { MamoriError, newId, type DocMatch, type Entity, type Extraction, type Finding, type InspectContext, type Inspection, type LabelTaxonomy, type MamoriEvent } from './core/index.js';
import { createDetectorSet, detectFindings, detectRange, summariseFindings, type DetectorSet } from './detect/index.js';
import { extract, extractUpload } from './extract/index.js';
import type { DocumentLookup } from './fingerprint/index.js';
import { createPolicyEngine, type PolicyEngine } from './policy/index.js';

/** The one pipeline every channel uses: bytes + context → Inspection. Pure: no network or database I/O. */
export interface Inspector {
  inspect(content: Uint8Array, context: InspectContext): Promise<Inspection>;
}

/**
 * One thread's share of a split inspection: every share extracts the content; `detect` says which slice of
 * each part's text this share detects in (`index` of `of`, null: none), `lookup` whether it matches the
 * registered documents (and hashes the content). Together the shares of one split cover all the work once.
 */
export interface InspectionShare {
  readonly detect: { readonly index: number; readonly of: number } | null;
  readonly lookup: boolean;
}

/** What one share found; `combine` makes the Inspection of all the shares' pieces. */
export interface InspectionPiece {
  readonly bytes: number;
  readonly unscannable: boolean;
  readonly unscannableReasons: string[];
  readonly sensitivityLabels: Extraction['sensitivityLabels'];
  readonly parts: Inspection['parts'];
  readonly errors: Inspection['errors'];
  /** Entities per part (same order as `parts`), offsets in the part's text; empty when the share detects nothing. */
  readonly entities: Entity[][];
  /** Present on the share that looked the registered documents up. */
  readonly lookup?: { readonly matches: DocMatch[]; readonly sha256: string };
}

/** An Inspector that can also do one share of an inspection split over threads, and combine the shares. */
export interface SplittableInspector extends Inspector {
  inspectShare(content: Uint8Array, context: InspectContext, share: InspectionShare): Promise<InspectionPiece>;
  /** The Inspection of the pieces of every share of one split (classified and decided here). */
  combine(pieces: readonly InspectionPiece[], context: InspectContext): Inspection;
}

/** Parts shorter than this are detected whole by one share; longer ones are cut into one slice per share. */
const SLICE_FROM_CHARS = 64 * 1024;

export interface InspectorOptions {
  readonly config: MamoriConfig;
  readonly taxonomy: LabelTaxonomy;
  /** Defaults to the detectors the config describes. */
  readonly detectors?: DetectorSet;
  /** The registered-document index; without it no document matches are looked for. */
  readonly documents?: DocumentLookup;
  /** Defaults to the config's policy (the shipped default policy when it has no rules). */
  readonly policy?: PolicyEngine;
  /** Whether a client host is quarantined (incidents module); used by the default policy engine. */
  readonly isQuarantined?: (clientIp: string) => boolean;
}

/**
 * Builds the pipeline extract → detect + fingerprint → classify → policy.
 *
 * @example
 * const inspector = createInspector({ config, taxonomy });
 * const result = await inspector.inspect(bytes, { channel: 'cli', fileName: 'a.docx' });
 * result.verdict.action; // 'allow' | 'alert' | 'block'
 */
export function createInspector(options: InspectorOptions): SplittableInspector {
  const { config, taxonomy } = options;
  const detectors = options.detectors ?? createDetectorSet(config.detect);
  const policy =
    options.policy ??
    createPolicyEngine(config.policy, taxonomy, {
      detectors: detectors.detectors.map((d) => d.id),
      ...(options.isQuarantined ? { isQuarantined: options.isQuarantined } : {}),
    });

  function extractContent(content: Uint8Array, context: InspectContext): Promise<Extraction> {
    // An HTTP body (it has a declared Content-Type or -Encoding) is read as the receiving server would.
    return context.contentType !== undefined || context.contentEncoding !== undefined
      ? extractUpload(content, { contentType: context.contentType, contentEncoding: context.contentEncoding, name: context.fileName, limits: config.extract })
      : extract(content, { ...(context.fileName !== undefined ? { name: context.fileName } : {}), limits: config.extract });
  }

  function conclude(extraction: Omit<InspectionPiece, 'entities' | 'lookup'>, findings: Finding[], matches: DocMatch[], sha256: string, context: InspectContext): Inspection {
    const { label, reasons } = classify(
      { findings, matches, sensitivityLabels: extraction.sensitivityLabels, unscannable: extraction.unscannable, unscannableReasons: extraction.unscannableReasons },
      config.classify,
      config.fingerprint,
      taxonomy,
    );
    // Monitor mode is the policy engine's: a block comes back as an alert marked `monitored`.
    const verdict = policy.decide({ label, unscannable: extraction.unscannable, findings, matches, bytes: extraction.bytes, context });
    const { unscannable, unscannableReasons, parts, errors, bytes } = extraction;
    return { label, unscannable, unscannableReasons, findings, matches, reasons, parts, errors, verdict, bytes, sha256 };
  }

  const summary = (content: Uint8Array, extraction: Extraction) => ({
    bytes: content.byteLength,
    unscannable: extraction.unscannable,
    unscannableReasons: extraction.unscannableReasons,
    sensitivityLabels: extraction.sensitivityLabels,
    parts: extraction.parts.map((p) => ({ path: p.path, kind: p.kind, mediaType: p.mediaType, chars: p.text.length })),
    errors: extraction.errors,
  });
  const sha256Of = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

  return {
    async inspect(content, context) {
      const extraction = await extractContent(content, context);
      const findings = detectFindings(detectors, extraction.parts);
      const matches = options.documents?.lookup(extraction.parts) ?? [];
      return conclude(summary(content, extraction), findings, matches, sha256Of(content), context);
    },

    async inspectShare(content, context, share) {
      const extraction = await extractContent(content, context);
      const entities = extraction.parts.map((part, i) => {
        if (!share.detect) return [];
        const { index, of } = share.detect;
        const n = part.text.length;
        if (n < SLICE_FROM_CHARS) return i % of === index ? detectors.detect(part.text) : [];
        return detectRange(detectors, part.text, Math.floor((index * n) / of), Math.floor(((index + 1) * n) / of));
      });
      const lookup = share.lookup ? { matches: options.documents?.lookup(extraction.parts) ?? [], sha256: sha256Of(content) } : undefined;
      return { ...summary(content, extraction), entities, ...(lookup ? { lookup } : {}) };
    },

    combine(pieces, context) {
      const first = pieces[0];
      const lookup = pieces.find((p) => p.lookup)?.lookup;
      if (!first || !lookup) throw new MamoriError('ERR_INTERNAL', 'a split inspection needs its pieces, one of them with the document lookup');
      const perPart = first.parts.map((part, i) => ({
        path: part.path,
        entities: pieces.flatMap((p) => p.entities[i] ?? []).sort((a, b) => a.start - b.start),
      }));
      return conclude(first, summariseFindings(detectors, perPart), lookup.matches, lookup.sha256, context);
    },
  };
}

/**
 * The Event that records an inspection's decision. Every channel stores decisions through this and
 * `insertEvents`; evidence in it is already masked.
 *
 * @example
 * await insertEvents(store.db, [eventFromInspection(result, context)]);
 */
export function eventFromInspection(inspection: Inspection, context: InspectContext, now = new Date()): MamoriEvent {
  return {
    id: newId('evt', now.getTime()),
    org: context.org ?? 'default',
    time: now.toISOString(),
    channel: context.channel,
    action: inspection.verdict.action,
    monitored: inspection.verdict.monitored === true,
    rule: inspection.verdict.rule,
    reason: inspection.verdict.reason,
    clientIp: context.clientIp ?? null,
    user: context.user ?? null,
    method: context.method ?? null,
    url: context.url ?? null,
    destHost: context.destHost ?? null,
    destIp: context.destIp ?? null,
    bytes: inspection.bytes,
    label: inspection.label,
    unscannable: inspection.unscannable,
    sha256: inspection.sha256,
    fileName: context.fileName ?? null,
    findings: inspection.findings.map((f) => ({ detector: f.detector, count: f.count, samples: f.samples })),
    matches: inspection.matches.map((m) => ({ docId: m.docId, path: m.path, label: m.label, coverage: m.coverage, longestRunChars: m.longestRunChars })),
  };
}
