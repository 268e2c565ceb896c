import { createDetectorSet, type DetectorSet } from '../../detect/index.js';
import type { MamoriConfig } from '../../config/index.js';

/** A valid 12-digit My Number (個人番号) built from an 11-digit stem with its check digit. */
export function myNumber(stem: string): string {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(stem[11 - n]);
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return `${stem}${r <= 1 ? 0 : 11 - r}`;
}

/** Text any sensible pipeline labels c2: a 機密性２ marking and several My Numbers with context words. */
export function sensitiveText(): string {
  const numbers = ['12345678901', '23456789012', '34567890123', '45678901234'].map(myNumber);
  const rows = numbers.map((n, i) => `氏名: 山田 太郎${i + 1}  個人番号(マイナンバー): ${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`);
  return `機密性２\n令和8年度 給付対象者一覧（取扱注意）\n${rows.join('\n')}\n以上\n`;
}

/** Text nothing should flag. */
export function harmlessText(): string {
  return '本日の昼食会は12時から会議室Bで行います。The lunch meeting starts at noon in room B.\n';
}

/** The configured detectors, as the server uses them. */
export function testDetectors(config: MamoriConfig): DetectorSet {
  return createDetectorSet(config.detect);
}

/** `bytes` or a little more of whole repetitions of `unit`: valid UTF-8 however long. */
export function repeatText(unit: string, bytes: number): Buffer {
  return Buffer.from(unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))));
}
