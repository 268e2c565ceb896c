import { shannonEntropy } from '../checksums.js';
import type { Hit } from '../types.js';
import { isPlaceholder } from './placeholder.js';

const STRONG_NAME = /pass(?:word|wd|phrase|code)?(?![a-z])|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|client[_.-]?secret|auth[_.-]?key|credential|authorization|パスワード|暗証番号|秘密鍵|トークン|シークレット/;
const EXCLUDED_NAME = /hash|digest|checksum|uuid|(?:^|[_.-])(?:id|url|uri|path|file|name|type|len|length|size|count|enabled|required|regex|pattern|format|field|header|prefix|policy|expires?|expiry|ttl|timeout|min|max|label|hint|message|endpoint|algorithm|version)$|[a-z]Id$/;
const NAME_CHAR = /[A-Za-z0-9_.\-[\]?\u3040-\u30ff\u4e00-\u9fff]/;
const VALUE_STOP = /[\s,;)}\]<>&"'`]/;

/** Reads the name to the left of the operator at `at`: `"db_password": `, `DB_PASSWORD=`, `パスワード：`. */
function nameBefore(text: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && at - i <= 4 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && (text[i] === '"' || text[i] === "'" || text[i] === '`')) i--;
  const end = i + 1;
  while (i >= 0 && end - i <= 64 && NAME_CHAR.test(text[i]!)) i--;
  return text.slice(i + 1, end);
}

/** Reads the value to the right of the operator ending at `from`; returns it and where it ends. */
function valueAfter(text: string, from: number): { value: string; start: number; end: number; quoted: boolean } | null {
  let i = from;
  while (i < text.length && i - from <= 4 && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('!!binary ', i)) i += 9;
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    const close = text.indexOf(q, i + 1);
    if (close < 0 || close - i > 512) return null;
    return { value: text.slice(i + 1, close), start: i + 1, end: close, quoted: true };
  }
  const start = i;
  while (i < text.length && i - start <= 512 && !VALUE_STOP.test(text[i]!)) i++;
  return { value: text.slice(start, i), start, end: i, quoted: false };
}

function classes(v: string): { upper: boolean; lower: boolean; digit: boolean } {
  return { upper: /[A-Z]/.test(v), lower: /[a-z]/.test(v), digit: /\d/.test(v) };
}

/**
 * A value assigned (`=`, `:`, `=>`, `:=`, `：`) at `at`: next to a password/secret/token-like name it is a
 * `secret.keyword_assignment`; next to any other name, a long random-looking value is a
 * `secret.generic_high_entropy`. Placeholders, references and sentences are not secrets.
 *
 * @example
 * assignmentAt("db_password = 'f6CGV4aMM9zedoh3'", 12); // [{ detector: 'secret.keyword_assignment', ... }]
 */
export function assignmentAt(text: string, at: number): Hit[] {
  const op = text[at];
  const next = text[at + 1];
  if (op === '=' && (next === '=' || /[=!<>]/.test(text[at - 1] ?? ''))) return [];
  if (op === ':' && next === ':') return [];
  const name = nameBefore(text, at).replace(/[?[\]]/g, '');
  if (name.length === 0) return [];
  const lower = name.toLowerCase();
  if (EXCLUDED_NAME.test(lower) || EXCLUDED_NAME.test(name)) return [];
  const v = valueAfter(text, at + 1 + (next === '>' || (op === ':' && next === '=') ? 1 : 0));
  if (!v) return [];
  let { value, start } = v;
  const strong = STRONG_NAME.test(lower);
  if (lower.includes('authorization')) {
    const m = /^(?:Bearer|Basic|Token) +([A-Za-z0-9._~+/=-]{8,})/i.exec(text.slice(v.start, v.start + 600));
    if (m) {
      start = v.start + m[0].length - m[1]!.length;
      value = m[1]!;
    }
  }
  const first = judge(value, start, lower, strong);
  if (!first || !v.quoted) return first ? [first] : [];
  // A list of values (`NAMES = 'a…', 'b…'`) is a list of secrets.
  const out = [first];
  const more = /^\s*,\s*(["'])([^"'\s]{6,512})\1/y;
  let from = v.end + 1;
  for (let k = 0; k < 8; k++) {
    more.lastIndex = 0;
    const m = more.exec(text.slice(from, from + 600));
    if (!m) break;
    const h = judge(m[2]!, from + m[0].length - 1 - m[2]!.length, lower, strong);
    if (h) out.push(h);
    from += m[0].length;
  }
  return out;
}

/** Code references (`module.attr:func`) and numbers are not secrets. */
const REFERENCE = /^[a-z_][a-z0-9_]*(?:[.:][a-z_][a-z0-9_]*)+$|^[\d.,+e-]+$/;

function judge(value: string, start: number, lower: string, strong: boolean): Hit | null {
  if (value.length < 6 || value.length > 512 || /\s/.test(value) || value.includes('://') || isPlaceholder(value)) return null;
  const end = start + value.length;
  const h = shannonEntropy(value);
  if (strong) {
    if (REFERENCE.test(value) && !(/^\d+$/.test(value) && /pass|pwd|暗証/.test(lower))) return null;
    if (/^[a-z]+$/.test(value) && value.length < 12) return null;
    const confidence = value.length >= 16 && h >= 3.5 ? 0.9 : /^[a-z]+$/i.test(value) ? 0.55 : 0.75;
    return { detector: 'secret.keyword_assignment', start, end, confidence };
  }
  if (value.length < 20 || !/^[A-Za-z0-9+/=_~.-]+$/.test(value) || (value.match(/\./g)?.length ?? 0) > 1) return null;
  const k = classes(value);
  if (!(k.upper && k.lower && k.digit) || h < 4.0) return null;
  return { detector: 'secret.generic_high_entropy', start, end, confidence: /key/.test(lower) ? 0.75 : 0.65 };
}
