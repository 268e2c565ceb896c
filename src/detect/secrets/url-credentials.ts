import type { Hit } from '../types.js';
import { isPlaceholder } from './placeholder.js';

const SCHEME = /[A-Za-z][A-Za-z0-9+.-]{1,20}$/;

/**
 * `scheme://user:password@host` where the `:` of `://` is at `at`.
 *
 * @example
 * urlCredentialsAt('http://admin:s3cr3t!@db.example.com', 4); // { detector: 'secret.url_credentials', ... }
 */
export function urlCredentialsAt(text: string, at: number): Hit | null {
  const scheme = SCHEME.exec(text.slice(Math.max(0, at - 21), at));
  if (!scheme) return null;
  const userStart = at + 3;
  let i = userStart;
  let colon = -1;
  const limit = Math.min(text.length, userStart + 256);
  for (; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x40) break; // @
    if (c === 0x2f || c === 0x3f || c === 0x23 || c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e) return null;
    if (c === 0x3a && colon < 0) colon = i;
  }
  if (i >= limit || colon < 0 || colon === userStart) return null;
  const password = text.slice(colon + 1, i);
  if (password.length < 3 || /^\d{1,5}$/.test(password) || isPlaceholder(decodeURIComponentSafe(password)) || /^(?:pass|pwd|pw)$/i.test(password)) return null;
  let end = i + 1;
  while (end < text.length && end - i < 256 && /[A-Za-z0-9.-]/.test(text[end]!)) end++;
  if (end === i + 1) return null;
  return { detector: 'secret.url_credentials', start: at - scheme[0].length, end, confidence: 0.9 };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
