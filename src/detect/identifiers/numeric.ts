import type { Hit } from '../types.js';
import { cardHit } from './card.js';
import { clusterExtent, emptyCluster, extent, fillCluster, type Cluster } from './cluster.js';
import { ibanAt } from './iban.js';
import { ipv4Hits } from './ipv4.js';
import { bankAccountHit, corporateNumberHit, driversLicenseHit, myNumberHit, passportHit, postalCodeHit, residenceCardHit } from './jp-ids.js';
import { jpPhoneHit } from './jp-phone.js';
import { phoneHit } from './phone.js';
import { ssnHit } from './ssn.js';

/**
 * Digits and dots from `at` to the end of its cluster, without allocating: most digit runs (years,
 * versions, counts) are too short for any identifier and are dropped here.
 */
/** Results of the last quickCount call (module state: no object per digit run). */
const quick = { digits: 0, dots: 0, end: 0 };

function quickCount(text: string, at: number): void {
  let digits = 0;
  let dots = 0;
  let gap = 0;
  let end = at;
  const limit = Math.min(text.length, at + 64);
  for (let i = at; i < limit; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      digits++;
      gap = 0;
      end = i + 1;
    } else if ((c === 0x20 || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x28 || c === 0x29 || c >= 0x80) && ++gap <= 2) {
      if (c === 0x2e || c === 0xff0e) dots++;
    } else break;
  }
  // Digits just left of `at` (single digits the anchor skipped) can complete a cluster.
  for (let i = at - 1, g = 0; i >= 0 && at - i < 24; i--) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      digits++;
      g = 0;
    } else if ((c === 0x20 || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x28 || c === 0x29 || c >= 0x80) && ++g <= 2) {
      if (c === 0x2e || c === 0xff0e) dots++;
    } else break;
  }
  quick.digits = digits;
  quick.dots = dots;
  quick.end = Math.max(end, at + 1);
}

type ClusterRule = (text: string, c: Cluster) => Hit | null;

/** The one cluster scanNumeric examines at a time, refilled per candidate (the rules keep no reference). */
const scratch = emptyCluster();

/** Whole-cluster identifiers by digit count, most specific first; the best-confidence one wins a cluster. */
const BY_DIGITS: readonly (readonly ClusterRule[])[] = Array.from({ length: 20 }, (_, d) => {
  const rules: ClusterRule[] = [];
  if (d >= 12) rules.push(cardHit);
  if (d === 12) rules.push(myNumberHit, driversLicenseHit);
  if (d === 13) rules.push(corporateNumberHit);
  if (d === 9) rules.push(ssnHit);
  if (d === 8) rules.push(residenceCardHit);
  if (d === 7) rules.push(passportHit, bankAccountHit, postalCodeHit);
  if (d >= 10 && d <= 12) rules.push(jpPhoneHit);
  if (d >= 7 && d <= 15) rules.push(phoneHit);
  return rules;
});

/**
 * Examines the digits around `at`: an IBAN starting two letters earlier, else the numeric cluster and
 * its identifiers. Appends hits to `out`; returns where scanning resumes.
 *
 * @example
 * const hits: Hit[] = [];
 * scanNumeric('card 4111 1111 1111 1111', 5, 0, hits); // hits[0].detector === 'credit_card'
 */
export function scanNumeric(text: string, at: number, floor: number, out: Hit[]): number {
  const before = text.charCodeAt(at - 1) | 0x20; // lower-cased ASCII letter test; full-width letters fold in ibanAt
  if (at >= 2 && at - 2 >= floor && ((before >= 0x61 && before <= 0x7a) || before >= 0xff21)) {
    const iban = ibanAt(text, at);
    if (iban) {
      out.push(iban);
      return iban.end;
    }
  }
  quickCount(text, at);
  if (quick.digits < 7 && quick.dots < 3) return quick.end;
  const dots = quick.dots;
  // The bounds and counts first: the cluster (folded copy, digits, groups) is built only for a long one.
  clusterExtent(text, at, floor);
  const n = extent.digits;
  if (n < 7 && !(n >= 4 && extent.groups >= 4)) return Math.max(extent.end, at + 1);
  const c = fillCluster(scratch, text, extent.start, extent.end, floor);
  const next = clusterHits(text, c, n, dots, at, out);
  // The scratch cluster's strings may be slices that keep the whole text alive.
  emptyCluster(scratch);
  return next;
}

/** The identifiers of cluster `c` (`n` digits, `dots` dots) appended to `out`; returns where scanning resumes. */
function clusterHits(text: string, c: Cluster, n: number, dots: number, at: number, out: Hit[]): number {
  const next = Math.max(c.end, at + 1);
  if (dots >= 3) {
    const hits = ipv4Hits(text, c);
    if (hits.length > 0) {
      for (const h of hits) out.push(h);
      return next;
    }
  }
  let best: Hit | null = null;
  for (const rule of BY_DIGITS[n] ?? []) {
    const h = rule(text, c);
    if (h && (!best || h.confidence > best.confidence)) best = h;
  }
  if (!best) return next;
  out.push(best);
  return Math.max(next, best.end);
}
