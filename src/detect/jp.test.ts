import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, foundBy } from './test-support/detect.js';

describe('jp.my_number', () => {
  it('finds a valid number next to 個人番号 / マイナンバー, grouped or not, full-width too', () => {
    assert.deepEqual(found('個人番号: 1234 5678 9018'), [['jp.my_number', '1234 5678 9018']]);
    assert.deepEqual(found('マイナンバー 123456789018'), [['jp.my_number', '123456789018']]);
    assert.deepEqual(found('個人番号：１２３４－５６７８－９０１８'), [['jp.my_number', '１２３４－５６７８－９０１８']]);
  });

  it('takes a context word that a longer one starts with, when only the shorter fits the neighbourhood', () => {
    // 個人番号カード runs past the 8 characters looked at after the number; 個人番号 does not.
    assert.deepEqual(found('1234 5678 9018 の個人番号カード'), [['jp.my_number', '1234 5678 9018']]);
    assert.deepEqual(found('1234567 口座番号'), [['jp.bank_account', '1234567']]); // 口座 fits, 口座番号 does not
  });

  it('rejects a wrong check digit even with context', () => {
    assert.deepEqual(found('個人番号: 1234 5678 9017'), []);
  });

  it('does not report a 12-digit order number without context', () => {
    assert.deepEqual(found('注文番号 123456789018 を発送しました'), []);
    assert.deepEqual(found('order 123456789018 shipped'), []);
  });

  it('takes context from a table header: every row of a 個人番号 column, not the numbers of other columns', () => {
    const csv = '職員番号,氏名,個人番号,注文番号\nA1,山田,5260 1815 9084,123456789017\nA2,佐藤,3016 6131 8600,301661318600\nA3,鈴木,9139 0996 0300,913909960300\n';
    assert.deepEqual(found(csv), [
      ['jp.my_number', '5260 1815 9084'],
      ['jp.my_number', '3016 6131 8600'],
      ['jp.my_number', '9139 0996 0300'],
    ]);
    const tsv = '氏名\tマイナンバー\n山田\t526018159084\n佐藤\t301661318600\n';
    assert.equal(found(tsv).length, 2);
  });

  it('column context: the header cell names the word in any case; a word elsewhere in the first line, or another separator, gives none', () => {
    const pad = 'Yamada Taro of the Osaka branch office';
    assert.deepEqual(found(`Name,Bank ACCOUNT No,Note\n${pad},1234567,x\n`), [['jp.bank_account', '1234567']]);
    assert.deepEqual(found(`Name,Note,Account no\n${pad},1234567,x\n`), []);
    assert.deepEqual(found(`Name,Account no\n${pad}\t1234567\n`), []);
    assert.deepEqual(found(`Name,Note\n${pad},1234567\n`), []);
    assert.deepEqual(found(`Staff list\nName,Account no\n${pad},1234567\n`), []);
  });

  it('does not take 12 digits out of a longer run', () => {
    assert.deepEqual(found('個人番号 9123456789018'), []);
  });
});

describe('jp.corporate_number', () => {
  it('valid with context; wrong leading digit rejected', () => {
    assert.deepEqual(found('法人番号 7000012050002'), [['jp.corporate_number', '7000012050002']]);
    assert.deepEqual(found('法人番号 6000012050002'), []);
  });
  it('is not reported without context', () => {
    assert.deepEqual(found('ID 7000012050002'), []);
  });
});

describe('jp.passport, jp.residence_card, jp.drivers_license, jp.bank_account', () => {
  it('passport: two letters and seven digits next to 旅券/パスポート', () => {
    assert.deepEqual(found('旅券番号 TK1234567'), [['jp.passport', 'TK1234567']]);
    assert.deepEqual(found('パスポート：ＴＫ１２３４５６７'), [['jp.passport', 'ＴＫ１２３４５６７']]);
    assert.deepEqual(found('型番 TK1234567'), []);
    assert.deepEqual(found('旅券番号 TK12345678'), []);
  });
  it('residence card: AB12345678CD', () => {
    assert.deepEqual(found('在留カード番号 AB12345678CD'), [['jp.residence_card', 'AB12345678CD']]);
    assert.deepEqual(found('在留カード番号 AB12345678CDE'), []);
  });
  it("driver's license: 12 digits only with 免許 context", () => {
    assert.deepEqual(found('運転免許証 番号 301234567890'), [['jp.drivers_license', '301234567890']]);
    assert.deepEqual(found('伝票 301234567890'), []);
  });
  it('bank account: 7 digits next to 口座/普通', () => {
    assert.deepEqual(found('普通預金 口座番号 1234567'), [['jp.bank_account', '1234567']]);
    assert.deepEqual(found('在庫 1234567 個'), []);
  });
});

describe('jp.phone and jp.postal_code', () => {
  it('landline, mobile, toll-free, +81, full-width', () => {
    assert.deepEqual(found('TEL 03-1234-5678'), [['jp.phone', '03-1234-5678']]);
    assert.deepEqual(found('携帯 090-1234-5678'), [['jp.phone', '090-1234-5678']]);
    assert.deepEqual(found('0120-123-456 まで'), [['jp.phone', '0120-123-456']]);
    assert.deepEqual(found('電話 +81-3-1234-5678'), [['jp.phone', '+81-3-1234-5678']]);
    assert.deepEqual(found('電話 ０３－１２３４－５６７８'), [['jp.phone', '０３－１２３４－５６７８']]);
  });
  it('a wrong number of digits is not a Japanese number', () => {
    assert.deepEqual(foundBy('jp.', 'TEL 090-1234-567'), []);
  });
  it('postal code after 〒 or 郵便番号; a bare NNN-NNNN is too weak', () => {
    assert.deepEqual(found('〒100-8914 東京都千代田区'), [['jp.postal_code', '100-8914']]);
    assert.deepEqual(found('郵便番号 １００－８９１４'), [['jp.postal_code', '１００－８９１４']]);
    assert.deepEqual(found('品番 100-8914'), []);
  });
});
