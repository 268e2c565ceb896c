import { CONTEXT } from '../catalog.js';
import { hasContext } from '../context.js';
import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

const NANP = /^(?:\+?1[-. ]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[-. ]?[2-9]\d{2}[-. ]\d{4}$/;

/** `+` or `00`, then a digit 1-9 (a country code): /^(?:\+|00)[1-9]/ by char codes. */
function intlPrefix(s: string): boolean {
  const first = s.charCodeAt(0);
  const at = first === 0x2b ? 1 : first === 0x30 && s.charCodeAt(1) === 0x30 ? 2 : -1;
  if (at < 0) return false;
  const d = s.charCodeAt(at);
  return d >= 0x31 && d <= 0x39;
}
const OTHER_NUMBER = ['license', 'licence', 'passport', 'account', 'ssn', 'social security', 'card', 'order', 'invoice', '免許', '旅券', '口座'];
const YEARS = /^(?:19|20)\d\d ?- ?(?:19|20)\d\d$/;
const ZIP4 = /^\d{5}-\d{4}$/;
const DATE = /^(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{2,4})(?: \d{1,2})?$/;

/** Length of an extension (`x123`, ` ext. 123`) right after the number, 0 if none. */
function extensionLength(text: string, end: number): number {
  const m = /^(?:x|ext\.? ?|#)\d{1,5}(?!\w)/i.exec(text.slice(end, end + 12));
  return m ? m[0].length : 0;
}

/**
 * Telephone numbers in international, North American and European styles. Without context words only
 * strong layouts count: `+` or `00` country prefixes, NANP numbers, grouped numbers with a trunk `0`.
 *
 * @example
 * phoneHit('Desk: (602)272-9781', readCluster('Desk: (602)272-9781', 7, 0)); // { detector: 'phone', ... }
 */
export function phoneHit(text: string, c: Cluster): Hit | null {
  const d = c.digits.length;
  if (d < 7 || d > 15 || c.gluedLeft) return null;
  const s = c.s;
  // Most clusters (decimals, versions, dates) fail the layout rules below; decided here from the
  // groups before any pattern runs. Only a `+`/`00` prefix, a 10- or 11-digit (NANP) number or a
  // trunk-0 grouping can give confidence without context.
  const grouped = c.groups.length >= 2;
  const strongLayout = s.charCodeAt(0) === 0x2b || s.startsWith('00') || d === 10 || d === 11 || (c.groups.length >= 3 && s.charCodeAt(0) === 0x30);
  if (!strongLayout && (grouped ? c.groups.some((g) => g < 2) || (c.groups.length < 3 && s.includes('.')) : d < 10 || d > 11)) return null;
  const intl = intlPrefix(s);
  // A dot with another separator is a section or version number (252.227-7013), not a phone number.
  if (s.includes('.') && /[-/ ()]/.test(s) && !intl) return null;
  // Dates have three or four digit groups, year ranges and ZIP+4 two; two slashes make a path or a date.
  const slash = s.indexOf('/');
  if ((c.groups.length >= 3 && DATE.test(s)) || (c.groups.length === 2 && (YEARS.test(s) || ZIP4.test(s))) || (slash >= 0 && s.indexOf('/', slash + 1) >= 0)) return null;
  if (c.groups.length >= 4 && c.groups.every((g) => g <= 3) && /^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return null;
  let end = c.end;
  if (c.gluedRight) {
    const ext = extensionLength(text, c.end);
    if (ext === 0) return null;
    end += ext;
  }
  let confidence = 0;
  if (intl && d >= 8 && (grouped || s.startsWith('+'))) confidence = 0.8;
  // A NANP number has a separator before its last four digits: one group of digits is never one.
  else if (c.groups.length >= 2 && NANP.test(s)) confidence = 0.75;
  else if (c.groups.length >= 3 && s.startsWith('0') && d >= 9 && d <= 12 && c.groups.every((g) => g >= 2)) confidence = 0.6;
  // An ungrouped run of digits is a phone number only at a phone-number length.
  if (confidence === 0 && !grouped && (d < 10 || d > 11)) return null;
  // Decimals and versions (4.423394, 1.2.3) are not phone numbers: grouped digits come in twos or more.
  if (confidence === 0 && grouped && (c.groups.some((g) => g < 2) || (s.includes('.') && c.groups.length < 3))) return null;
  // With an international prefix the words decide nothing once the layout gives 0.75 or more: they
  // cannot raise it, and the identity-document words below are not asked.
  if (intl && confidence >= 0.75) return { detector: 'phone', start: c.start, end, confidence };
  const context = hasContext(text, c.start, end, CONTEXT.phone, 32, 12);
  if (context) confidence = Math.max(confidence, 0.75);
  if (confidence === 0) return null;
  // Identity-document numbers share the shapes of phone numbers; their own words rule a phone out.
  const near = context && hasContext(text, c.start, end, CONTEXT.phone, 12, 12);
  if (!near && !intl && hasContext(text, c.start, end, OTHER_NUMBER, 40, 0)) return null;
  return { detector: 'phone', start: c.start, end, confidence };
}
