import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foundBy } from './test-support/detect.js';

const markings = (text: string) => foundBy('marking.', text);

describe('Japanese markings', () => {
  it('秘 only as a marking: brackets, ㊙, head of a line', () => {
    assert.deepEqual(markings('【秘】 令和6年度 予算案'), [['marking.hi', '秘']]);
    assert.deepEqual(markings('（秘）'), [['marking.hi', '秘']]);
    assert.deepEqual(markings('㊙ 人事案'), [['marking.hi', '㊙']]);
    assert.deepEqual(markings('秘\n件名：人事異動について'), [['marking.hi', '秘']]);
  });
  it('秘 inside words is not a marking: 秘書, 秘密, 神秘, 便秘', () => {
    assert.deepEqual(markings('秘書課の秘密の神秘的な便秘薬'), []);
    assert.deepEqual(markings('秘書が来た'), []);
  });
  it('極秘 (c3), 厳秘, 部外秘, 社外秘; 極秘裏 ("secretly") is prose', () => {
    assert.deepEqual(markings('【極秘】'), [['marking.gokuhi', '極秘']]);
    assert.deepEqual(markings('厳秘 取扱い'), [['marking.genpi', '厳秘']]);
    assert.deepEqual(markings('部外秘資料'), [['marking.bugaihi', '部外秘']]);
    assert.deepEqual(markings('社外秘'), [['marking.shagaihi', '社外秘']]);
    assert.deepEqual(markings('計画は極秘裏に進められた'), []);
  });
  it('機密性２ / ３ in full- and half-width, 要機密, 取扱注意, 関係者限り', () => {
    assert.deepEqual(markings('機密性２情報'), [['marking.kimitsusei_2', '機密性２']]);
    assert.deepEqual(markings('機密性3'), [['marking.kimitsusei_3', '機密性3']]);
    assert.deepEqual(markings('要機密'), [['marking.yo_kimitsu', '要機密']]);
    assert.deepEqual(markings('【取扱注意】'), [['marking.toriatsukai_chui', '取扱注意']]);
    assert.deepEqual(markings('取り扱い注意'), [['marking.toriatsukai_chui', '取り扱い注意']]);
    assert.deepEqual(markings('関係者限り'), [['marking.kankeisha_kagiri', '関係者限り']]);
    assert.deepEqual(markings('機密情報の管理について'), []);
  });
});

describe('English banners', () => {
  it('banner lines and caveats', () => {
    assert.deepEqual(markings('TOP SECRET//NOFORN\nSubject'), [['marking.top_secret', 'TOP SECRET']]);
    assert.deepEqual(markings('SECRET\n\nThe plan'), [['marking.secret', 'SECRET']]);
    assert.deepEqual(markings('(U//FOUO) The agency'), [['marking.fouo', 'FOUO']]);
    assert.deepEqual(markings('CUI//SP-PRVCY'), [['marking.cui', 'CUI']]);
    assert.deepEqual(markings('Classification: CONFIDENTIAL'), [['marking.confidential', 'CONFIDENTIAL']]);
    assert.deepEqual(markings('Strictly Confidential – Board only'), [['marking.confidential', 'Confidential']]);
    assert.deepEqual(markings('  RESTRICTED  '), [['marking.restricted', 'RESTRICTED']]);
  });
  it('the words in prose or identifiers are not markings', () => {
    assert.deepEqual(markings('the secret of a good life'), []);
    assert.deepEqual(markings('AWS_SECRET_ACCESS_KEY = x'), []);
    assert.deepEqual(markings('Confidential information shall be kept'), []);
    assert.deepEqual(markings(' I TERMINI E LE CONDIZIONI DI CUI ALLA PRESENTE LICENZA SONO VALIDE PER TUTTI'), []);
  });
});
