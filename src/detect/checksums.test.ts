import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corporateNumberValid, ibanMod97, luhn, myNumberValid, shannonEntropy } from './checksums.js';
import { foldWindow } from './fold.js';

describe('check digits', () => {
  it('Luhn accepts issued test numbers and rejects a changed digit', () => {
    for (const n of ['4111111111111111', '5500005555555559', '378282246310005', '3530111333300000', '6011111111111117']) assert.equal(luhn(n), true, n);
    assert.equal(luhn('4111111111111112'), false);
  });

  it('IBAN mod-97', () => {
    assert.equal(ibanMod97('GB82WEST12345698765432'), true);
    assert.equal(ibanMod97('DE89370400440532013000'), true);
    assert.equal(ibanMod97('GB83WEST12345698765432'), false);
  });

  it('個人番号 check digit (weights 2..7, 2..6 from the right, mod 11)', () => {
    assert.equal(myNumberValid('123456789018'), true);
    assert.equal(myNumberValid('123456789017'), false);
    assert.equal(myNumberValid('12345678901'), false);
  });

  it('法人番号 leading check digit', () => {
    assert.equal(corporateNumberValid('7000012050002'), true); // 国税庁
    assert.equal(corporateNumberValid('6000012050002'), false);
  });

  it('entropy of one repeated character is 0, of 16 distinct characters 4', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('0123456789abcdef'), 4);
  });
});

describe('foldWindow', () => {
  it('folds full-width digits, letters and dashes one unit for one unit', () => {
    const s = '電話０３－１２３４ー５６７８　ＡＢ';
    const f = foldWindow(s, 0, s.length);
    assert.equal(f.length, s.length);
    assert.equal(f, '電話03-1234-5678 AB');
  });
});

describe('foldWindow on long windows', () => {
  it('folds windows longer than one piece', () => {
    const s = '１'.repeat(10_000);
    assert.equal(foldWindow(s, 0, s.length), '1'.repeat(10_000));
  });
});
