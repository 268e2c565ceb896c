import { createHash } from 'node:crypto';
import { classify } from './classify/index.js';
import type { MamoriConfig } from './config/index.js';
import { newId, type InspectContext, type Inspection, type LabelTaxonomy, type MamoriEvent } from './core/index.js';
import { createDetectorSet, detectFindings, type DetectorSet } from './detect/index.js';
import { extract, extractUpload } from './extract/index.js';
import type { DocumentLookup } from './fingerprint/index.js';
import { createPolicyEngine, type PolicyEngine } from './policy/index.js';

/** The one pipeline every channel uses: bytes + context → Inspection. Pure: no network or database I/O. */
export interface Inspector {
  inspect(content: Uint8Array, context: InspectContext): Promise<Inspection>;
}

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
export function createInspector(options: InspectorOptions): Inspector {
  const { config, taxonomy } = options;
  const detectors = options.detectors ?? createDetectorSet(config.detect);
  const policy =
    options.policy ??
    createPolicyEngine(config.policy, taxonomy, {
      detectors: detectors.detectors.map((d) => d.id),
      ...(options.isQuarantined ? { isQuarantined: options.isQuarantined } : {}),
    });
  return {
    async inspect(content, context) {
      // An HTTP body (it has a declared Content-Type or -Encoding) is read as the receiving server would.
      const extraction =
        context.contentType !== undefined || context.contentEncoding !== undefined
          ? await extractUpload(content, { contentType: context.contentType, contentEncoding: context.contentEncoding, name: context.fileName, limits: config.extract })
          : await extract(content, { ...(context.fileName !== undefined ? { name: context.fileName } : {}), limits: config.extract });
      const findings = detectFindings(detectors, extraction.parts);
      const matches = options.documents?.lookup(extraction.parts) ?? [];
      const { label, reasons } = classify(
        { findings, matches, sensitivityLabels: extraction.sensitivityLabels, unscannable: extraction.unscannable, unscannableReasons: extraction.unscannableReasons },
        config.classify,
        config.fingerprint,
        taxonomy,
      );
      // Monitor mode is the policy engine's: a block comes back as an alert marked `monitored`.
      const verdict = policy.decide({ label, unscannable: extraction.unscannable, findings, matches, bytes: content.byteLength, context });
      return {
        label,
        unscannable: extraction.unscannable,
        unscannableReasons: extraction.unscannableReasons,
        findings,
        matches,
        reasons,
        parts: extraction.parts.map((p) => ({ path: p.path, kind: p.kind, mediaType: p.mediaType, chars: p.text.length })),
        errors: extraction.errors,
        verdict,
        bytes: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
      };
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
