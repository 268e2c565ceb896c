import { toMamoriError } from '../core/index.js';
import type { ErrorCode, PartError, SensitivityLabelMeta, TextPart } from '../core/index.js';
import type { Budget } from './limits.js';

/** Codes that mean some content went uninspected; anything else is a note. */
const UNSCANNABLE: ReadonlySet<ErrorCode> = new Set(['ERR_LIMIT', 'ERR_ENCRYPTED', 'ERR_PARSE', 'ERR_TIMEOUT', 'ERR_UNSUPPORTED', 'ERR_INTERNAL', 'ERR_INPUT']);

/**
 * Collects what one `extract` call finds while handlers walk the containers.
 *
 * @example
 * const sink = new Sink(budget);
 * sink.text('a.txt', 'body', 'text/plain', 'hello');
 * sink.fail('b.zip/c', new MamoriError('ERR_ENCRYPTED', 'entry is encrypted'));
 */
export class Sink {
  readonly budget: Budget;
  readonly parts: TextPart[] = [];
  readonly errors: PartError[] = [];
  readonly reasons: string[] = [];
  readonly labels: SensitivityLabelMeta[] = [];
  private truncated = false;
  private suppressed = 0;
  /** Errors past this many are counted, not listed: a 42.zip gives thousands of identical ones. */
  static readonly MAX_ERRORS = 100;

  constructor(budget: Budget) {
    this.budget = budget;
  }

  /** Adds a text part, cut at the text budget (the cut is recorded as unscannable). */
  text(path: string, kind: TextPart['kind'], mediaType: string, text: string): void {
    if (text.length === 0) return;
    const granted = this.budget.grantChars(text.length);
    if (granted > 0) this.parts.push({ path, kind, mediaType, text: granted < text.length ? text.slice(0, granted) : text });
    if (granted < text.length && !this.truncated) {
      this.truncated = true;
      this.fail(path, toMamoriError(new Error(`text past ${this.budget.limits.maxTextChars} characters was not inspected`), 'ERR_LIMIT'));
    }
  }

  /** Records a per-part failure; failures that leave content uninspected make the result unscannable. */
  fail(path: string, error: unknown, fallback: ErrorCode = 'ERR_PARSE'): void {
    const e = toMamoriError(error, fallback);
    if (this.errors.length >= Sink.MAX_ERRORS) {
      this.suppressed++;
      return;
    }
    this.errors.push({ path, code: e.code, message: e.message });
    if (UNSCANNABLE.has(e.code)) this.reasons.push(`${e.code} ${path}: ${e.message}`);
  }

  /** How many errors were counted but not listed. */
  get suppressedErrors(): number {
    return this.suppressed;
  }

  label(meta: SensitivityLabelMeta): void {
    this.labels.push(meta);
  }
}
