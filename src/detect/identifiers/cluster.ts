import { foldCode, foldWindow, isDigitCode, isWordCode } from '../fold.js';

/**
 * A run of digits joined by short separator runs (space, `-`, `.`, `/`, parentheses, their full-width
 * forms): the one candidate window every numeric identifier looks at. `s` is the folded copy, same length.
 */
export interface Cluster {
  readonly start: number;
  readonly end: number;
  readonly s: string;
  /** The digits alone. */
  readonly digits: string;
  /** Lengths of the digit groups, in order. */
  readonly groups: readonly number[];
  /** Letters or `_` glued to the left / right edge (an identifier such as `AB1234567`). */
  readonly gluedLeft: boolean;
  readonly gluedRight: boolean;
}

const MAX_CLUSTER = 64;

function isSeparator(c: number): boolean {
  const f = foldCode(c);
  return f === 0x20 || f === 0x2d || f === 0x2e || f === 0x2f || f === 0x28 || f === 0x29;
}

function isParen(c: number): boolean {
  const f = foldCode(c);
  return f === 0x28 || f === 0x29;
}

/** A word, or a word and one joining `-`, `.` or `/` (CVE-2023-…, v1.2.3, a/b/123): the number is part of a name. */
function gluedBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start - 1);
  if (isWordCode(c)) return true;
  const f = foldCode(c);
  return (f === 0x2d || f === 0x2e || f === 0x2f) && start > 1 && isWordCode(text.charCodeAt(start - 2)) && !isDigitCode(text.charCodeAt(start - 2));
}

/** Bounds of the last clusterExtent call, and its digit and group counts (module state: no object per call). */
export const extent = { start: 0, end: 0, digits: 0, groups: 0 };

/**
 * The bounds readCluster would give the cluster around the digit at `at` (before a leading `+` or `(`
 * joins it), with its digit and digit-group counts, into `extent`; nothing is allocated. Most clusters
 * are too short for any identifier and end here.
 *
 * @example
 * clusterExtent('tel: 03-1234-5678.', 5, 0); // extent: { start: 5, end: 17, digits: 10, groups: 3 }
 */
export function clusterExtent(text: string, at: number, floor: number): void {
  let start = at;
  // Leftwards: digits, or up to two separators followed (to the right) by a digit already taken.
  for (let i = at - 1; i >= floor && at - i < MAX_CLUSTER; i--) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) start = i;
    else if (!isSeparator(c) || start - i > 2 || (start - i === 2 && !isParen(c) && !isParen(text.charCodeAt(i + 1)))) break;
  }
  let end = at;
  const limit = Math.min(text.length, start + MAX_CLUSTER);
  let i = at;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) {
      end = ++i;
      continue;
    }
    if (!isSeparator(c) || i - end >= 2 || (i - end === 1 && !isParen(c) && !isParen(text.charCodeAt(i - 1)))) break;
    i++;
  }
  let digits = 0;
  let groups = 0;
  let inGroup = false;
  for (let k = start; k < end; k++) {
    if (isDigitCode(text.charCodeAt(k))) {
      digits++;
      if (!inGroup) groups++;
      inGroup = true;
    } else inGroup = false;
  }
  extent.start = start;
  extent.end = end;
  extent.digits = digits;
  extent.groups = groups;
}

/**
 * Grows a cluster around the digit at `at`, never left of `floor`.
 *
 * @example
 * const c = readCluster('tel: 03-1234-5678.', 5, 0); // c.s === '03-1234-5678', c.groups = [2, 4, 4]
 */
export function readCluster(text: string, at: number, floor: number): Cluster {
  clusterExtent(text, at, floor);
  return clusterAt(text, extent.start, extent.end, floor);
}

/**
 * The cluster between bounds clusterExtent found.
 *
 * @example
 * clusterExtent(text, at, floor);
 * const c = clusterAt(text, extent.start, extent.end, floor);
 */
export function clusterAt(text: string, start: number, end: number, floor: number): Cluster {
  return fillCluster(emptyCluster(), text, start, end, floor);
}

/** A Cluster whose fields fillCluster may overwrite. */
export type MutableCluster = { -readonly [K in keyof Cluster]: Cluster[K] };

const NO_GROUPS: readonly number[] = Object.freeze([]);

/**
 * A cluster of no digits, for fillCluster to fill; also what a filled one is reset to, so that it
 * holds no slice of a scanned text.
 *
 * @example
 * const c = emptyCluster(); // c.s === ''
 */
export function emptyCluster(c: MutableCluster = {} as MutableCluster): MutableCluster {
  c.start = 0;
  c.end = 0;
  c.s = '';
  c.digits = '';
  c.groups = NO_GROUPS;
  c.gluedLeft = false;
  c.gluedRight = false;
  return c;
}

/**
 * `[n]` for every length a cluster can have: a cluster of one digit group (most of them) shares its
 * groups array instead of allocating one. The rules only read `groups`.
 */
const ONE_GROUP: readonly (readonly number[])[] = Array.from({ length: MAX_CLUSTER + 1 }, (_, n) => Object.freeze([n]));

/**
 * Group lengths of the cluster being filled, copied out at their exact count. Counted, never emptied
 * by `length = 0`: that would free the backing store, and the next push allocate one again.
 */
const groupScratch: number[] = new Array<number>(MAX_CLUSTER + 2).fill(0);

/**
 * clusterAt into `c`, overwriting all its fields. The numeric scan fills one module-level cluster per
 * candidate instead of allocating one: no rule keeps a reference to the cluster it is given.
 *
 * @example
 * clusterExtent(text, at, floor);
 * fillCluster(scratch, text, extent.start, extent.end, floor);
 */
export function fillCluster(c: MutableCluster, text: string, start: number, end: number, floor: number): Cluster {
  // A leading `+` or `(` belongs to phone numbers; a trailing `)` closes one.
  if (start > floor) {
    const p = foldCode(text.charCodeAt(start - 1));
    if (p === 0x2b || p === 0x28) start--;
    if (p === 0x28 && start > floor && foldCode(text.charCodeAt(start - 1)) === 0x2b) start--;
  }
  const s = foldWindow(text, start, end);
  // The digits alone, joined from the groups (no regex replace: most clusters are one to three groups).
  let digits = '';
  let count = 0;
  let run = 0;
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (ch >= 48 && ch <= 57) {
      run++;
    } else if (run > 0) {
      groupScratch[count++] = run;
      digits += s.slice(k - run, k);
      run = 0;
    }
  }
  if (run > 0) {
    groupScratch[count++] = run;
    digits = run === s.length ? s : digits + s.slice(s.length - run);
  }
  c.start = start;
  c.end = end;
  c.s = s;
  c.digits = digits;
  c.groups = count === 0 ? NO_GROUPS : count === 1 ? ONE_GROUP[groupScratch[0]!]! : groupScratch.slice(0, count);
  c.gluedLeft = gluedBefore(text, start);
  c.gluedRight = end < text.length && isWordCode(text.charCodeAt(end));
  return c;
}

/**
 * The one separator used between all groups, null when there is none, false when they differ or double.
 *
 * @example
 * uniformSeparator('4111 1111 1111 1111'); // ' '
 */
export function uniformSeparator(s: string): string | null | false {
  let sep: string | null = null;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    const ch = s[k]!;
    if (sep === null) sep = ch;
    else if (sep !== ch) return false;
    if (k + 1 < s.length && !(s.charCodeAt(k + 1) >= 48 && s.charCodeAt(k + 1) <= 57)) return false;
  }
  return sep;
}
