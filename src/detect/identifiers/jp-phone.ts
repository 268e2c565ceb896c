import { CONTEXT } from '../catalog.js';
import { hasContext } from '../context.js';
import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

/** 0AB-CDE-FGHJ style: area code, exchange and subscriber add up to 10 digits; mobiles 0[5789]0 to 11. */
const HYPHENATED = /^(?:\(0\d{1,4}\) ?\d{1,4}-\d{4}|0\d{1,4}-\d{1,4}-\d{4}|0[5789]0-\d{4}-\d{4}|0120-\d{2,3}-\d{3,4}|0800-\d{3}-\d{4})$/;
const PLUS81 = /^\+81[- ]?(?:\(0\))?[1-9]\d{0,3}[- ]?\d{1,4}[- ]?\d{4}$/;

/**
 * Japanese telephone numbers: landline (10 digits), mobile/IP (0[5789]0, 11 digits), toll-free, +81.
 *
 * @example
 * jpPhoneHit('TEL 03-1234-5678', readCluster('TEL 03-1234-5678', 4, 0)); // { detector: 'jp.phone', ... }
 */
export function jpPhoneHit(text: string, c: Cluster): Hit | null {
  if (c.gluedLeft || c.gluedRight) return null;
  const d = c.digits;
  let confidence = 0;
  // The separators rewritten below are never among a leading `+81`: c.s starts with it when s does.
  if (c.s.startsWith('+81')) {
    if (PLUS81.test(c.s) && d.length >= 11 && d.length <= 12) confidence = 0.85;
  } else if (d.startsWith('0') && !d.startsWith('00')) {
    // 0[5789]0 and 0120/0800 by char codes: the cluster's own checks, without a regex per candidate.
    const second = d.charCodeAt(1);
    const mobile = (second === 0x35 || second === 0x37 || second === 0x38 || second === 0x39) && d.charCodeAt(2) === 0x30;
    const okLength = mobile ? d.length === 11 : d.length === 10 || ((d.startsWith('0120') || d.startsWith('0800')) && d.length <= 11);
    if (!okLength) return null;
    // Only separators between digits are rewritten: a single group has none.
    const s = c.groups.length > 1 && (c.s.includes(' ') || c.s.includes('.')) ? c.s.replace(/(?<=\d)[ .](?=\d)/g, '-') : c.s;
    // Every hyphenated layout has a `-`: an ungrouped run needs no pattern.
    if (s.includes('-') && HYPHENATED.test(s)) confidence = 0.85;
    else if (c.groups.length === 1) confidence = mobile ? 0.6 : 0.35;
  }
  if (confidence === 0) return null;
  if (hasContext(text, c.start, c.end, CONTEXT.jpPhone, 24, 8)) confidence = Math.min(0.95, confidence + 0.3);
  return { detector: 'jp.phone', start: c.start, end: c.end, confidence };
}
