import { CONTEXT } from '../catalog.js';
import { hasContext } from '../context.js';
import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

/**
 * SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
 *
 * @example
 * ssnIssuable('666123456'); // false
 */
export function ssnIssuable(d: string): boolean {
  const area = Number(d.slice(0, 3));
  const group = Number(d.slice(3, 5));
  const serial = Number(d.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  // Numbers used in advertising and well-known samples.
  if (d === '078051120' || d === '219099999' || d === '123456789') return false;
  return true;
}

/**
 * US social security number: 3-2-4 with `-` or space (or 9 digits next to context words).
 *
 * @example
 * ssnHit(text, readCluster("SSN: 054-28-6917", 5, 0)); // { detector: 'us_ssn', confidence: 0.95, ... }
 */
export function ssnHit(text: string, c: Cluster): Hit | null {
  const d = c.digits;
  if (d.length !== 9 || c.gluedLeft || c.gluedRight || !ssnIssuable(d)) return null;
  const context = hasContext(text, c.start, c.end, CONTEXT.ssn, 40, 8);
  if (/^\d{3}([- ])\d{2}\1\d{4}$/.test(c.s)) return { detector: 'us_ssn', start: c.start, end: c.end, confidence: context ? 0.95 : 0.6 };
  if (c.groups.length === 1 && context) return { detector: 'us_ssn', start: c.start, end: c.end, confidence: 0.8 };
  return null;
}
