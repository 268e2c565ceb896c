import type { Hit } from '../types.js';

const OPEN = new Set(['【', '(', '（', '[', '［', '〔', '〈', '《', '「', '『', '<', '＜', '○', '〇', '◯']);
const CLOSE = new Set(['】', ')', '）', ']', '］', '〕', '〉', '》', '」', '』', '>', '＞']);
const isSpace = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\u3000' || ch === '\t' || ch === '\n' || ch === '\r';
const lineStart = (text: string, i: number) => {
  let k = i - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\u3000' || text[k] === '\t')) k--;
  return k < 0 || text[k] === '\n' || text[k] === '\r';
};

/** How strongly the surroundings of `[start, end)` say "this is a marking": brackets or a header line. */
function layout(text: string, start: number, end: number): number {
  if (OPEN.has(text[start - 1] ?? '') && CLOSE.has(text[end] ?? '')) return 0.95;
  if (lineStart(text, start) && (isSpace(text[end]) || OPEN.has(text[end] ?? '') || text[end] === '：' || text[end] === ':')) return 0.9;
  return 0;
}

/**
 * Markings built on 秘 (at `at`): 極秘, 厳秘, 部外秘, 社外秘 anywhere (but not 極秘裏 "secretly"), and 秘
 * alone only as a marking: ㊙, 【秘】, (秘), ○秘, or at the head of a line — never inside 秘書, 秘密, 神秘.
 *
 * @example
 * hiMarkingAt('【秘】 予算案', 1); // { detector: 'marking.hi', start: 1, end: 2, confidence: 0.95 }
 */
export function hiMarkingAt(text: string, at: number): Hit | null {
  if (text[at] === '㊙') return { detector: 'marking.hi', start: at, end: at + 1, confidence: 0.95 };
  const prev = text[at - 1];
  const compound = prev === '極' ? 'marking.gokuhi' : prev === '厳' ? 'marking.genpi' : prev === '外' && text[at - 2] === '部' ? 'marking.bugaihi' : prev === '外' && text[at - 2] === '社' ? 'marking.shagaihi' : null;
  if (compound) {
    if (text[at + 1] === '裏') return null;
    const start = compound === 'marking.bugaihi' || compound === 'marking.shagaihi' ? at - 2 : at - 1;
    return { detector: compound, start, end: at + 1, confidence: Math.max(0.7, layout(text, start, at + 1)) };
  }
  const confidence = layout(text, at, at + 1);
  return confidence > 0 ? { detector: 'marking.hi', start: at, end: at + 1, confidence } : null;
}

const KIMITSUSEI = /^機密性[ \u3000]?([2２Ⅱ二3３Ⅲ三])/;

/**
 * Markings on 機密 (at `at`): 機密性２ / 機密性３ (full- or half-width), 要機密.
 *
 * @example
 * kimitsuMarkingAt('機密性２情報', 0); // { detector: 'marking.kimitsusei_2', ... }
 */
export function kimitsuMarkingAt(text: string, at: number): Hit | null {
  if (text.charCodeAt(at + 1) !== 0x5bc6) return null; // 機 without 密
  if (text[at - 1] === '要') return { detector: 'marking.yo_kimitsu', start: at - 1, end: at + 2, confidence: Math.max(0.85, layout(text, at - 1, at + 2)) };
  const m = KIMITSUSEI.exec(text.slice(at, at + 6));
  if (!m) return null;
  const level = '3３Ⅲ三'.includes(m[1]!) ? 3 : 2;
  return { detector: `marking.kimitsusei_${level}`, start: at, end: at + m[0].length, confidence: 0.95 };
}

/**
 * 取扱注意 (取り扱い注意, 取扱い注意) and 関係者限り at `at`.
 *
 * @example
 * handlingMarkingAt('【取扱注意】', 1); // { detector: 'marking.toriatsukai_chui', ... }
 */
export function handlingMarkingAt(text: string, at: number): Hit | null {
  const window = text.slice(at, at + 8);
  const m = /^(?:取り?扱い?注意|関係者限り?)/.exec(window);
  if (!m) return null;
  const detector = m[0].startsWith('取') ? 'marking.toriatsukai_chui' : 'marking.kankeisha_kagiri';
  return { detector, start: at, end: at + m[0].length, confidence: Math.max(0.85, layout(text, at, at + m[0].length)) };
}
