import Encoding from 'encoding-japanese';

const DETECTED: Record<string, string> = { SJIS: 'shift_jis', EUCJP: 'euc-jp', JIS: 'iso-2022-jp', UTF8: 'utf-8', UTF16: 'utf-16le' };

/**
 * Decodes a field or file name from its raw bytes: UTF-8 when valid, else the form's declared charset,
 * else what encoding-japanese detects (Shift_JIS, EUC-JP, ISO-2022-JP), else windows-1252.
 *
 * @example
 * decodeName(Buffer.from([0x93, 0xfa, 0x96, 0x7b])); // '日本'
 */
export function decodeName(bytes: Uint8Array, charset?: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {}
  for (const label of [charset, DETECTED[String(Encoding.detect(bytes))]]) {
    if (!label) continue;
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {}
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

/** A header parameter value (latin1 characters standing for raw bytes) as text. */
export function decodeHeaderValue(value: string, charset?: string): string {
  return decodeName(Buffer.from(value, 'latin1'), charset);
}

/** RFC 5987 `filename*=UTF-8''%E5%A0%B1%E5%91%8A.docx`. */
export function decodeExtValue(value: string): string | undefined {
  const m = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!m) return undefined;
  const bytes = percentDecode(m[2]!, false);
  try {
    return new TextDecoder(m[1]!.trim() || 'utf-8').decode(bytes);
  } catch {
    return decodeName(bytes);
  }
}

/**
 * Percent-decodes to bytes; malformed escapes stay literal. `plus` turns `+` into a space (urlencoded forms).
 *
 * @example
 * percentDecode('a+b%2Bc%zz', true); // bytes of 'a b+c%zz'
 */
export function percentDecode(s: string, plus: boolean): Buffer {
  const src = Buffer.from(s, 'latin1');
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === 0x25 && i + 2 < src.length && isHex(src[i + 1]) && isHex(src[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16);
      i += 2;
    } else out[n++] = plus && c === 0x2b ? 0x20 : c;
  }
  return out.subarray(0, n);
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/** A name made safe as one path segment: no `/`, no control characters, bounded length. */
export function segment(name: string): string {
  const s = name.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\//g, '%2F');
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** The last component of a client-side path (old browsers send `C:\Users\me\report.docx`). */
export function basename(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}
