import type { DocMatch, Finding, InspectContext } from '../../core/index.js';
import type { PolicyInput } from '../input.js';

/** A policy input with harmless defaults; override what a test is about. */
export function input(over: Partial<Omit<PolicyInput, 'context'>> & { context?: Partial<InspectContext> } = {}): PolicyInput {
  return {
    label: over.label ?? 'c1',
    unscannable: over.unscannable ?? false,
    findings: over.findings ?? [],
    matches: over.matches ?? [],
    bytes: over.bytes ?? 1000,
    context: { channel: 'icap', method: 'POST', ...over.context },
  };
}

export function finding(detector: string, count: number, category: Finding['category'] = 'pii'): Finding {
  return { detector, category, count, confidence: 0.9, label: 'c2', samples: [], parts: ['-'] };
}

export function docMatch(label: string, coverage: number, longestRunChars = 200): DocMatch {
  return { docId: 'doc_1', path: '/share/予算.docx', label, coverage, matchedChars: 1000, longestRunChars, parts: ['-'] };
}
