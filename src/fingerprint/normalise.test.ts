import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalise, normaliseCodes, normaliseInto } from './normalise.js';
import { rng } from './test-support/corpus.js';

const norm = (s: string): string => normalise(s).norm;

describe('normalise', () => {
  it('applies NFKC, folds case and removes every kind of whitespace and line break', () => {
    assert.equal(norm('Ｈｅｌｌｏ　Ｗｏｒｌｄ\r\n\tＡ Ｂ\u00a0C\u200bD\ufeff'), 'helloworldabcd');
    assert.equal(norm('第１２３号 ㍻ ① ﬁne'), '第123号平成1fine');
  });

  it('recombines half-width and decomposed voiced marks', () => {
    assert.equal(norm('ｶﾞｷﾞｸﾞ ﾊﾟ'), 'ガギグパ');
    assert.equal(norm('か\u3099は\u309a'), 'がぱ');
    assert.equal(norm('e\u0301'), 'é');
  });

  it('folds the variants NFKC leaves apart: waves, dashes, quotes and punctuation', () => {
    assert.equal(norm('〜'), norm('～'));
    assert.equal(norm('~'), norm('～'));
    for (const dash of ['−', '‐', '‑', '–', '—', '―', '－', 'ー', 'ｰ']) assert.equal(norm(`a${dash}b`), 'a-b', dash);
    assert.equal(norm('“x” ‘y’ "z" \'w\''), '"x""y""z""w"');
    assert.equal(norm('あ、い，う。え．お'), norm('あ,い,う.え.お'));
    assert.equal(norm('『本』'), norm('「本」'));
    assert.notEqual(norm('一'), norm('ー'), 'the kanji for one is not a dash');
  });

  it('drops Aozora ruby readings, base markers and editor notes', () => {
    assert.equal(norm('｜東京《とうきょう》の漢字《かんじ》［＃「漢字」に傍点］です'), '東京の漢字です');
    assert.equal(norm('漢字《かん\nじ》'), '漢字', 'a reading wrapped over a line');
    assert.equal(norm('《開き括弧だけ'), '《開き括弧だけ');
    assert.equal(norm('《書名》と「本文の続き」'), '《書名》と「本文の続き」', 'brackets around kanji are not ruby');
    assert.equal(norm('［＃注記が\n改行をまたぐ］'), '[#注記が改行をまたぐ]', 'notes never span lines');
    assert.equal(norm('［＃ページ本文が続く。その後に］'), '[#ペ-ジ本文が続く.その後に]', 'nor sentences');
    assert.equal(norm('［＃閉じない注記'), '[#閉じない注記');
    assert.equal(norm('|東京《とうきょう》[#「東京」に傍点]'), '東京', 'the same markup converted to half-width');
  });

  it('keeps characters outside the BMP and maps every normalised index back to the original', () => {
    const text = 'Ａ 𠮷野家《よしのや》\nＢ';
    const { norm: n, map } = normalise(text);
    assert.equal(n, 'a𠮷野家b');
    assert.deepEqual([...map], [0, 2, 2, 4, 5, 13, 14]);
    for (let i = 0; i < n.length; i++) assert.ok(map[i]! < text.length);
  });

  it('stays linear on hostile input: unclosed brackets, note openers and long runs of marks', () => {
    const hostile = '《'.repeat(200_000) + '［＃'.repeat(100_000) + '\u3099'.repeat(100_000);
    const { norm: n } = normalise(hostile);
    assert.equal(n.length, 200_000 + 200_000 + 100_000);
  });

  it('normalises a range of a text as it would the slice, into a buffer of any size', () => {
    const random = rng(11);
    const pool = 'ａｂＣ１ｶﾞﾊﾟｰ《かな》［＃注］|｜漢字です、。〜“”\n 　\u3099e\u0301𠮷\ud800①㍻ﬁ';
    const units = [...pool];
    for (let t = 0; t < 500; t++) {
      let text = '';
      const len = Math.floor(random() * 200);
      for (let i = 0; i < len; i++) text += units[Math.floor(random() * units.length)];
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      const expected = normaliseCodes(text.slice(from, to));
      const got = normaliseInto(text, from, to, new Uint16Array(Math.floor(random() * 64)));
      assert.deepEqual([...got.codes.subarray(0, got.length)], [...expected.codes.subarray(0, expected.length)], JSON.stringify({ text, from, to }));
    }
  });
});
