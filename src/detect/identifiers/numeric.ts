import type { Hit } from '../types.js';
import { cardHit } from './card.js';
import { readCluster, type Cluster } from './cluster.js';
import { ibanAt } from './iban.js';
import { ipv4Hits } from './ipv4.js';
import { bankAccountHit, corporateNumberHit, driversLicenseHit, myNumberHit, passportHit, postalCodeHit, residenceCardHit } from './jp-ids.js';
import { jpPhoneHit } from './jp-phone.js';
import { phoneHit } from './phone.js';
import { ssnHit } from './ssn.js';

type ClusterRule = (text: string, c: Cluster) => Hit | null;

/** Whole-cluster identifiers, most specific first; the best-confidence one wins a cluster. */
const RULES: readonly ClusterRule[] = [
  cardHit,
  myNumberHit,
  corporateNumberHit,
  driversLicenseHit,
  ssnHit,
  residenceCardHit,
  passportHit,
  bankAccountHit,
  postalCodeHit,
  jpPhoneHit,
  phoneHit,
];

/**
 * Examines the digits around `at`: an IBAN starting two letters earlier, else the numeric cluster and
 * its identifiers. Returns the hits and where scanning resumes.
 *
 * @example
 * scanNumeric('card 4111 1111 1111 1111', 5, 0).hits[0].detector; // 'credit_card'
 */
export function scanNumeric(text: string, at: number, floor: number): { hits: Hit[]; next: number } {
  if (at >= 2 && at - 2 >= floor) {
    const iban = ibanAt(text, at);
    if (iban) return { hits: [iban], next: iban.end };
  }
  const c = readCluster(text, at, floor);
  const next = Math.max(c.end, at + 1);
  const n = c.digits.length;
  if (n < 7 && !(n >= 4 && c.groups.length >= 4)) return { hits: [], next };
  const hits = ipv4Hits(c);
  if (hits.length > 0) return { hits, next };
  let best: Hit | null = null;
  for (const rule of RULES) {
    const h = rule(text, c);
    if (h && (!best || h.confidence > best.confidence)) best = h;
  }
  return { hits: best ? [best] : [], next: Math.max(next, best?.end ?? 0) };
}
