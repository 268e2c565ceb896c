import Encoding from 'encoding-japanese';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const JA = ['行政', '文書', 'の', 'を', 'に', 'は', 'が', '管理', '機密', '情報', '予算', '担当', '課長', 'について', '検討', 'した', 'する', 'ため', '令和', '年度', '計画', '会議', '資料', '市民', '個人', '番号', '制度', '運用', 'システム', 'ネットワーク', 'サーバー', 'データ', '報告', '確認', '対応', '、', '。', '「', '」', '（', '）', '〜', '１２３', 'ＡＢＣ', 'ｶﾀｶﾅ', '東京都', '大阪府'];
const EN = ['the', 'ministry', 'budget', 'shall', 'review', 'of', 'and', 'network', 'server', 'report', 'policy', 'data', 'access', 'citizens', 'records', 'in', 'for', 'with', 'quarter', 'fiscal', 'committee', 'draft', 'security', 'incident', 'response', 'plan', 'agency', 'to', 'is', 'was', 'by', '2026', 'No.', '―', '"quoted"', 'it\'s', 'Section', 'A-12'];

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prose-like text of about `chars` characters: Japanese, English or mixed, with line breaks. */
export function syntheticText(random: () => number, chars: number, lang: 'ja' | 'en' | 'mixed' = 'mixed'): string {
  let out = '';
  while (out.length < chars) {
    const ja = lang === 'ja' || (lang === 'mixed' && random() < 0.6);
    const words = ja ? JA : EN;
    const n = 5 + Math.floor(random() * 20);
    for (let i = 0; i < n; i++) out += words[Math.floor(random() * words.length)]! + (ja ? '' : ' ');
    out += ja ? '。' : '. ';
    if (random() < 0.2) out += '\n';
  }
  return out;
}

/** Inserts line breaks and spaces at random places (as re-wrapping and re-typesetting do). */
export function rewrap(random: () => number, text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += text[i];
    if (c >= 0xd800 && c <= 0xdbff) continue;
    const r = random();
    if (r < 0.03) out += '\n';
    else if (r < 0.04) out += '\r\n　';
    else if (r < 0.05) out += ' ';
  }
  return out;
}

/** Changes character widths as copies do: to full-width ASCII and spaces, or to half-width ASCII and katakana. */
export function swapWidth(text: string, to: 'full' | 'half'): string {
  return to === 'full' ? Encoding.toZenkakuCase(text).replace(/ /g, '\u3000') : Encoding.toHankanaCase(Encoding.toHankakuCase(text));
}

/** Re-encodes to a legacy Japanese encoding with encoding-japanese and decodes it back. */
export function roundTrip(text: string, to: 'SJIS' | 'EUCJP'): string {
  const bytes = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
  return new TextDecoder(to === 'SJIS' ? 'shift_jis' : 'euc-jp').decode(bytes);
}

/** The Aozora Bunko sample texts when the shared reference data is present, else []. */
export function aozoraTexts(limit = 60): { name: string; text: string }[] {
  const dir = join(process.env.MAMORI_SHARED_DATA ?? resolve(import.meta.dirname, '../../../../shared/data'), 'text/aozora-sjis');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .slice(0, limit)
    .map((name) => ({ name, text: new TextDecoder('shift_jis').decode(readFileSync(join(dir, name))) }));
}
