/** Formats the dispatcher tells apart. */
export type FormatKind =
  | 'zip' | 'gzip' | 'tar' | 'pdf' | 'ole' | 'eml' | 'html' | 'text' | 'media' | 'unsupported-archive' | 'binary';

export interface Sniffed {
  readonly kind: FormatKind;
  /** Media type to give the parts, refined later by handlers (docx, msg, ...). */
  readonly mediaType: string;
}

export interface SniffHints {
  readonly name?: string;
  readonly mediaType?: string;
}

function starts(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (at + sig.length > b.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const MAGIC: readonly { sig: number[]; at?: number; kind: FormatKind; mediaType: string }[] = [
  { sig: ascii('PK\x03\x04'), kind: 'zip', mediaType: 'application/zip' },
  { sig: ascii('PK\x05\x06'), kind: 'zip', mediaType: 'application/zip' },
  { sig: ascii('PK\x07\x08'), kind: 'zip', mediaType: 'application/zip' },
  { sig: [0x1f, 0x8b], kind: 'gzip', mediaType: 'application/gzip' },
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'ole', mediaType: 'application/x-ole-storage' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'unsupported-archive', mediaType: 'application/x-7z-compressed' },
  { sig: ascii('Rar!\x1a\x07'), kind: 'unsupported-archive', mediaType: 'application/vnd.rar' },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'unsupported-archive', mediaType: 'application/x-xz' },
  { sig: ascii('BZh'), kind: 'unsupported-archive', mediaType: 'application/x-bzip2' },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], kind: 'unsupported-archive', mediaType: 'application/zstd' },
  { sig: [0x89, 0x50, 0x4e, 0x47], kind: 'media', mediaType: 'image/png' },
  { sig: [0xff, 0xd8, 0xff], kind: 'media', mediaType: 'image/jpeg' },
  { sig: ascii('GIF8'), kind: 'media', mediaType: 'image/gif' },
  { sig: ascii('RIFF'), kind: 'media', mediaType: 'application/octet-stream' },
  { sig: ascii('OggS'), kind: 'media', mediaType: 'audio/ogg' },
  { sig: ascii('ID3'), kind: 'media', mediaType: 'audio/mpeg' },
  { sig: ascii('ftyp'), at: 4, kind: 'media', mediaType: 'video/mp4' },
  { sig: ascii('ustar'), at: 257, kind: 'tar', mediaType: 'application/x-tar' },
];

const PDF_TEXT = '%PDF-';
const PDF = ascii(PDF_TEXT);
const MAIL_HEADER = /^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type|reply-to|delivered-to|x-[a-z0-9-]+):/i;
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b/i;

/**
 * Format of some bytes: magic bytes first; name and declared media type only break ties between
 * text formats (a `.pdf` that is really a zip is read as a zip).
 *
 * @example
 * sniff(bytes, { name: 'a.eml' }); // { kind: 'eml', mediaType: 'message/rfc822' }
 */
export function sniff(b: Uint8Array, hints: SniffHints = {}): Sniffed {
  for (const m of MAGIC) if (starts(b, m.sig, m.at ?? 0)) return { kind: m.kind, mediaType: m.mediaType };
  if (findPdfHeader(b)) return { kind: 'pdf', mediaType: 'application/pdf' };
  if (!looksLikeText(b)) return { kind: 'binary', mediaType: 'application/octet-stream' };
  const name = (hints.name ?? '').toLowerCase();
  const declared = (hints.mediaType ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  const head = headText(b).replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '');
  if (declared === 'message/rfc822' || name.endsWith('.eml') || looksLikeMail(head)) return { kind: 'eml', mediaType: 'message/rfc822' };
  if (declared === 'text/html' || declared === 'application/xhtml+xml' || /\.x?html?$/.test(name) || HTML_START.test(head)) {
    return { kind: 'html', mediaType: 'text/html' };
  }
  if (declared === 'text/csv' || name.endsWith('.csv')) return { kind: 'text', mediaType: 'text/csv' };
  return { kind: 'text', mediaType: 'text/plain' };
}

/**
 * The first 4 KB, one character per byte, for the ASCII tests below. Buffer's latin1 is a plain copy; a
 * TextDecoder('latin1') (which is windows-1252) costs ~20 µs here, a tenth of inspecting a 10 KB upload.
 * The two differ only on 0x80–0x9f, which no test here looks at.
 */
function headText(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 4096)).toString('latin1');
}

/** `%PDF-` starting within the first 1024 bytes (readers accept leading junk); a native search, not a byte loop. */
function findPdfHeader(b: Uint8Array): boolean {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 1024 + PDF.length)).indexOf(PDF_TEXT, 0, 'latin1') >= 0;
}

function looksLikeMail(head: string): boolean {
  const lines = head.split(/\r?\n/, 12).filter((l) => l.length > 0 && !/^[ \t]/.test(l));
  return lines.length >= 2 && MAIL_HEADER.test(lines[0] ?? '') && lines.slice(0, 6).filter((l) => MAIL_HEADER.test(l)).length >= 2;
}

/** Control characters other than tab, line feed, form feed, carriage return and escape. */
function isControl(c: number): boolean {
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b;
}

/**
 * The number of control characters (isControl) in `s`. Four bytes at a time: `(w - 0x20202020) & ~w &
 * 0x80808080` is non-zero exactly when one of the four bytes of `w` is below 0x20, so only words holding
 * a line break or a tab have their bytes looked at (a byte loop over 8 KB cost ~20 µs per upload).
 */
function controlCount(s: Uint8Array): number {
  let control = 0;
  let i = 0;
  const n = s.length;
  // Bytes before the first 4-byte boundary, then whole words, then the tail.
  for (; i < n && (s.byteOffset + i) % 4 !== 0; i++) if (isControl(s[i]!)) control++;
  const words = (n - i) >> 2;
  if (words > 0) {
    const w32 = new Int32Array(s.buffer, s.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const w = w32[k]!;
      if (((w - 0x20202020) & ~w & 0x80808080) === 0) continue;
      const at = i + k * 4;
      for (let j = at; j < at + 4; j++) if (isControl(s[j]!)) control++;
    }
    i += words * 4;
  }
  for (; i < n; i++) if (isControl(s[i]!)) control++;
  return control;
}

/** Text has no NUL bytes (UTF-16 aside) and few control characters. */
function looksLikeText(b: Uint8Array): boolean {
  const s = b.subarray(0, 8192);
  if (s.length === 0) return true;
  if ((s[0] === 0xff && s[1] === 0xfe) || (s[0] === 0xfe && s[1] === 0xff)) return true;
  if (s.indexOf(0) < 0) return controlCount(s) < s.length * 0.05;
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? 0;
    if (c === 0 && i % 2 === 0) nulEven++;
    else if (c === 0) nulOdd++;
    else if (isControl(c)) control++;
  }
  const pairs = s.length / 2;
  const utf16 = (nulOdd > pairs * 0.2 && nulEven < pairs * 0.02) || (nulEven > pairs * 0.2 && nulOdd < pairs * 0.02);
  if (utf16) return control < s.length * 0.05;
  return nulEven + nulOdd === 0 && control < s.length * 0.05;
}
