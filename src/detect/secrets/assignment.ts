import { shannonEntropy } from '../checksums.js';
import type { Hit } from '../types.js';
import { isPlaceholder } from './placeholder.js';

const STRONG_NAME = /pass(?:word|wd|phrase|code)?(?![a-z])|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|client[_.-]?secret|auth[_.-]?key|credential|authorization|パスワード|暗証番号|秘密鍵|トークン|シークレット/;
const EXCLUDED_NAME = /hash|digest|checksum|uuid|(?:^|[_.-])(?:id|url|uri|path|file|name|type|len|length|size|count|enabled|required|regex|pattern|format|field|header|prefix|policy|expires?|expiry|ttl|timeout|min|max|label|hint|message|endpoint|algorithm|version)$|[a-z]Id$/;
const SOURCE_FILE = /\.(?:c|h|cc|cpp|hpp|py|js|ts|go|rs|java|rb|scm|el|pl|sh|dpatch|patch|diff|txt|md|html?|xml|json|ya?ml|in|am|ac|mk)$|^files?$/;
const isNameCode = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x5b || c === 0x5d || c === 0x3f || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff);
// whitespace , ; ) } ] < > & " ' `
const isValueStop = (c: number) => c <= 0x20 || c === 0x2c || c === 0x3b || c === 0x29 || c === 0x7d || c === 0x5d || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3000;

/** Reads the name to the left of the operator at `at`: `"db_password": `, `DB_PASSWORD=`, `パスワード：`. */
function nameBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && at - i <= 4 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && (text[i] === '"' || text[i] === "'" || text[i] === '`')) i--;
  const end = i + 1;
  while (i >= 0 && end - i <= 64 && isNameCode(text.charCodeAt(i))) i--;
  return text.slice(i + 1, end);
}

const isBlank = (c: number) => c === 0x20 || c === 0x09;

/**
 * Whether the name that ends before the operator at `at` can be a strong (password-like) name, decided
 * without building a string. Every alternative of STRONG_NAME contains one of the letter pairs `ss`
 * (pass), `pw` (pwd), `cr` (secret, credential), `ok` (token), `ey` (key), `iz` (authorization), or
 * one of パ 暗 秘 ト シ, so a name with none of them is not strong. A name holding `?`, `[` or `]`
 * (removed before matching, which can join pairs) is left to the exact test. `PASS` (test logs:
 * `PASS: gdb.base/…`) counts as not strong: assignmentAt rejects it whatever the value.
 */
function mayBeStrongName(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && at - i <= 4 && isBlank(text.charCodeAt(i))) i--;
  if (i >= 0 && (text.charCodeAt(i) === 0x22 || text.charCodeAt(i) === 0x27 || text.charCodeAt(i) === 0x60)) i--;
  const end = i + 1;
  let prev = 0;
  let pair = false;
  for (; i >= 0 && end - i <= 64; i--) {
    const c = text.charCodeAt(i);
    const k = NAME_CODE[c]!;
    if (k === 0) break;
    if (k === NAME_ALONE) return true;
    // `l` precedes `prev` in the name; letters are lower-cased, other name characters index no pair.
    const l = k === NAME_LETTER ? c | 0x20 : 0;
    if (PAIR[(l << 7) | prev] === 1) {
      // Longer than `PASS`: strong whatever the rest of the name holds.
      if (end - i >= 5) return true;
      pair = true;
    }
    prev = l;
  }
  return pair && !(end - i === 5 && text.startsWith('PASS', i + 1));
}

/** Name characters (isNameCode) by UTF-16 unit: letters, other name characters, and those that make a name possibly strong alone. */
const NAME_CODE = new Uint8Array(0x10000);
const NAME_OTHER = 1;
const NAME_LETTER = 2;
const NAME_ALONE = 3;
for (let c = 0; c < 0x10000; c++) if (isNameCode(c)) NAME_CODE[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? NAME_LETTER : NAME_OTHER;
for (const ch of '?[]パ暗秘トシ') NAME_CODE[ch.charCodeAt(0)] = NAME_ALONE;

/** The letter pairs of mayBeStrongName, indexed by (first << 7) | second, lower case. */
const PAIR = new Uint8Array(128 * 128);
for (const p of ['ss', 'pw', 'cr', 'ok', 'ey', 'iz']) PAIR[(p.charCodeAt(0) << 7) | p.charCodeAt(1)] = 1;

/**
 * Cheap rejection before any allocation, for an unquoted value starting (after blanks) at `from`: it is
 * no secret when it is shorter than 6 characters, when prose or a log line goes on after it
 * (`Author: Jane Doe <…>`), or when its name is not password-like and the value cannot be a random
 * string (the conditions of judge for a generic high-entropy value: 20 characters or more of
 * `[A-Za-z0-9+/=_~.-]`, with upper case, lower case and digits, at most one dot, no run of seven
 * lower-case letters). Under an ordinary name the value is read only until it stops looking random,
 * which for prose, paths and URLs is a few characters. Quoted values and `!!binary` go to the full checks.
 */
function bareValueRejected(text: string, from: number, at: number): boolean {
  let i = from;
  while (i < text.length && i - from <= 4 && isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 0x22 || c === 0x27 || c === 0x60 || c === 0x21) return false; // quote or !!binary
  let strong: boolean | undefined;
  let n = 0;
  let randomLike = true;
  let upper = false;
  let lower = false;
  let digit = false;
  let dots = 0;
  let lowerRun = 0;
  for (; n <= 256 && i + n < text.length; n++) {
    const k = VALUE_CODE[text.charCodeAt(i + n)]!;
    if (k === V_STOP) break;
    if (!randomLike) continue;
    if (k === V_LOWER) {
      lower = true;
      if (++lowerRun >= 7) randomLike = false;
    } else {
      lowerRun = 0;
      if (k === V_UPPER) upper = true;
      else if (k === V_DIGIT) digit = true;
      else if (k === V_DOT) dots++;
      else if (k !== V_SYMBOL) randomLike = false;
    }
    // Not random: only a password-like name keeps it (the name is read once, and only here or below).
    if (!randomLike && !(strong = mayBeStrongName(text, at))) return true;
  }
  if (n < 6 || !endsStatement(text, i + n)) return true;
  if (randomLike && n >= 20 && upper && lower && digit && dots <= 1) return false;
  return !(strong ?? mayBeStrongName(text, at));
}

/** Value characters by UTF-16 unit for bareValueRejected: stops (isValueStop) and the classes of a random-looking value. */
const VALUE_CODE = new Uint8Array(0x10000);
const V_OTHER = 0;
const V_STOP = 1;
const V_LOWER = 2;
const V_UPPER = 3;
const V_DIGIT = 4;
const V_DOT = 5;
const V_SYMBOL = 6; // + / = _ ~ -
for (let c = 0; c < 0x10000; c++) {
  VALUE_CODE[c] = isValueStop(c) ? V_STOP : c >= 0x61 && c <= 0x7a ? V_LOWER : c >= 0x41 && c <= 0x5a ? V_UPPER : c >= 0x30 && c <= 0x39 ? V_DIGIT : c === 0x2e ? V_DOT : '+/=_~-'.includes(String.fromCharCode(c)) ? V_SYMBOL : V_OTHER;
}

/** Reads the value to the right of the operator ending at `from`; returns it and where it ends. */
function valueAfter(text: string, from: number): { value: string; start: number; end: number; quoted: boolean } | null {
  let i = from;
  while (i < text.length && i - from <= 4 && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('!!binary ', i)) i += 9;
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    // Bounded: an unclosed quote must not send the search to the end of a large text.
    const rel = text.slice(i + 1, i + 514).indexOf(q);
    if (rel < 0) return null;
    const close = i + 1 + rel;
    return { value: text.slice(i + 1, close), start: i + 1, end: close, quoted: true };
  }
  const start = i;
  while (i < text.length && i - start <= 256 && !isValueStop(text.charCodeAt(i))) i++;
  return { value: text.slice(start, i), start, end: i, quoted: false };
}

function classes(v: string): { upper: boolean; lower: boolean; digit: boolean } {
  return { upper: /[A-Z]/.test(v), lower: /[a-z]/.test(v), digit: /\d/.test(v) };
}

/**
 * A value assigned (`=`, `:`, `=>`, `:=`, `：`) at `at`: next to a password/secret/token-like name it is a
 * `secret.keyword_assignment`; next to any other name, a long random-looking value is a
 * `secret.generic_high_entropy`. Placeholders, references and sentences are not secrets. Appends to
 * `out` and returns where scanning resumes, or -1 when nothing was found.
 *
 * @example
 * const hits: Hit[] = [];
 * assignmentAt("db_password = 'f6CGV4aMM9zedoh3'", 12, hits); // hits[0].detector === 'secret.keyword_assignment'
 */
export function assignmentAt(text: string, at: number, out: Hit[]): number {
  const opCode = text.charCodeAt(at);
  const nextCode = text.charCodeAt(at + 1);
  const prevCode = at > 0 ? text.charCodeAt(at - 1) : 0;
  // `==`, `!=`, `<=`, `>=` compare; `::` scopes.
  if (opCode === 0x3d && (nextCode === 0x3d || prevCode === 0x3d || prevCode === 0x21 || prevCode === 0x3c || prevCode === 0x3e)) return -1;
  if (opCode === 0x3a && nextCode === 0x3a) return -1;
  const valueFrom = at + 1 + (nextCode === 0x3e || (opCode === 0x3a && nextCode === 0x3d) ? 1 : 0);
  if (bareValueRejected(text, valueFrom, at)) return -1;
  const v = valueAfter(text, valueFrom);
  if (!v || v.value.length < 6) return -1;
  const name = nameBefore(text, at).replace(/[?[\]]/g, '');
  if (name.length === 0) return -1;
  const lower = name.toLowerCase();
  const strong = STRONG_NAME.test(lower);
  if (!strong && v.value.length < 20) return -1;
  if (EXCLUDED_NAME.test(lower) || EXCLUDED_NAME.test(name) || SOURCE_FILE.test(lower)) return -1;
  let { value, start } = v;
  if (lower.includes('authorization')) {
    const m = /^(?:Bearer|Basic|Token) +([A-Za-z0-9._~+/=-]{8,})/i.exec(text.slice(v.start, v.start + 600));
    if (m) {
      start = v.start + m[0].length - m[1]!.length;
      value = m[1]!;
    }
  }
  // An unquoted value is a secret when it ends the statement, not when prose or a log line goes on.
  if (!v.quoted && !endsStatement(text, start + value.length)) return -1;
  if (name === 'PASS' || name === 'FAIL') return -1;
  const first = judge(value, start, lower, strong);
  if (!first) return -1;
  out.push(first);
  if (!v.quoted) return first.end;
  // A list of values (`NAMES = 'a…', 'b…'`) is a list of secrets.
  let last = first.end;
  const more = /^\s*,\s*(["'])([^"'\s]{6,512})\1/y;
  let from = v.end + 1;
  for (let k = 0; k < 8; k++) {
    more.lastIndex = 0;
    const m = more.exec(text.slice(from, from + 600));
    if (!m) break;
    const h = judge(m[2]!, from + m[0].length - 1 - m[2]!.length, lower, strong);
    if (h) {
      out.push(h);
      last = h.end;
    }
    from += m[0].length;
  }
  return last;
}

/** Code references (`module.attr:func`), lower-case paths and numbers are not secrets. */
const REFERENCE = /^[a-z_][a-z0-9_]*(?:[.:][a-z_][a-z0-9_]*)+$|^[\d.,+e-]+$|^[a-z0-9_.-]*\/[a-z0-9_./-]*$/;

function endsStatement(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  // end of line, comment, separator, closing bracket or quote, query-string `&`
  return c === 0x0a || c === 0x0d || c === 0x23 || c === 0x2c || c === 0x3b || c === 0x7d || c === 0x5d || c === 0x29 || c === 0x26 || c === 0x22 || c === 0x27 || text.startsWith('//', i);
}

function judge(value: string, start: number, lower: string, strong: boolean): Hit | null {
  if (value.length < 6 || value.length > 512 || /\s/.test(value) || value.includes('://')) return null;
  if (!strong && (value.length < 20 || !/^[A-Za-z0-9+/=_~.-]+$/.test(value))) return null;
  if (isPlaceholder(value)) return null;
  const end = start + value.length;
  if (strong) {
    if (REFERENCE.test(value) && !(/^\d+$/.test(value) && /pass|pwd|暗証/.test(lower))) return null;
    if (/^[A-Za-z]+[.!,]?$/.test(value) && value.length < 12) return null;
    const confidence = value.length >= 16 && shannonEntropy(value) >= 3.5 ? 0.9 : /^[a-z]+$/i.test(value) ? 0.55 : 0.75;
    return { detector: 'secret.keyword_assignment', start, end, confidence };
  }
  if (value.length < 20 || !/^[A-Za-z0-9+/=_~.-]+$/.test(value) || (value.match(/\./g)?.length ?? 0) > 1) return null;
  const k = classes(value);
  if ((value.match(/\//g)?.length ?? 0) >= 2 && /\/[a-z]{4,}/.test(value)) return null;
  if (!(k.upper && k.lower && k.digit) || /^(?:_|0x)/.test(value) || /[a-z]{7}/.test(value) || shannonEntropy(value) < 4.0) return null;
  return { detector: 'secret.generic_high_entropy', start, end, confidence: /key/.test(lower) ? 0.75 : 0.65 };
}
