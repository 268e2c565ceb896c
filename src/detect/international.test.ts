import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainAt } from './identifiers/email.js';
import { foldWindow } from './fold.js';
import { defaultSet, found } from './test-support/detect.js';

describe('credit_card', () => {
  it('finds Luhn-valid numbers of known issuers, grouped or compact', () => {
    assert.deepEqual(found('card 4111 1111 1111 1111 exp 12/29'), [['credit_card', '4111 1111 1111 1111']]);
    assert.deepEqual(found('Amex 3782-822463-10005'), [['credit_card', '3782-822463-10005']]);
    assert.deepEqual(found('paid with 5500005555555559.'), [['credit_card', '5500005555555559']]);
    assert.deepEqual(found('カード番号 ４１１１１１１１１１１１１１１１'), [['credit_card', '４１１１１１１１１１１１１１１１']]);
  });
  it('rejects a bad check digit, mixed separators and a number inside a longer digit run', () => {
    assert.deepEqual(found('card 4111 1111 1111 1112'), []);
    assert.deepEqual(found('card 4111-1111 1111-1111'), []);
    assert.deepEqual(found('ref 94111111111111111'), []);
    assert.deepEqual(found('tx 4111111111111111999'), []);
  });
});

describe('iban', () => {
  it('compact, grouped, lower-case', () => {
    assert.deepEqual(found('IBAN GB82 WEST 1234 5698 7654 32.'), [['iban', 'GB82 WEST 1234 5698 7654 32']]);
    assert.deepEqual(found('to DE89370400440532013000 today'), [['iban', 'DE89370400440532013000']]);
    assert.deepEqual(found('my iban is gb82west12345698765432'), [['iban', 'gb82west12345698765432']]);
  });
  it('rejects a bad checksum and a wrong country length', () => {
    assert.deepEqual(found('IBAN GB83WEST12345698765432'), []);
    assert.deepEqual(found('IBAN GB82WEST1234569876543'), []);
  });
});

describe('email, ip_address', () => {
  it('e-mail addresses, full-width @ too; not bare user@host', () => {
    assert.deepEqual(found('mail taro.yamada@example.co.jp.'), [['email', 'taro.yamada@example.co.jp']]);
    assert.deepEqual(found('宛先 user＠example.com'), [['email', 'user＠example.com']]);
    assert.deepEqual(found('ssh root@localhost'), []);
  });
  it('IPv4 and IPv6; not versions, clock times, MAC addresses or C++ scopes', () => {
    assert.deepEqual(found('client 203.0.113.9 and fe80::1ff:fe23:4567:890a'), [['ip_address', '203.0.113.9'], ['ip_address', 'fe80::1ff:fe23:4567:890a']]);
    assert.deepEqual(found('2001:db8::8a2e:370:7334'), [['ip_address', '2001:db8::8a2e:370:7334']]);
    assert.deepEqual(found('dpkg (1.4.0.18) unstable'), []);
    assert.deepEqual(found('erlang (1:24.3.4.5+dfsg-1) unstable; binutils 2.10.0.18-2'), []);
    assert.deepEqual(found('at 12:30:45 on 00:1a:2b:3c:4d:5e'), []);
    assert.deepEqual(found('std::vector and AAA::c'), []);
    assert.deepEqual(found('999.1.1.1 and 1.2.3.4.5'), []);
  });
});

describe('us_ssn', () => {
  it('3-2-4 numbers, confident with context', () => {
    assert.deepEqual(found("Here's my SSN: 054-28-6917"), [['us_ssn', '054-28-6917']]);
    assert.deepEqual(found('social security number 054286917'), [['us_ssn', '054286917']]);
  });
  it('never issued: area 000, 666, 900-999, group 00, serial 0000', () => {
    for (const n of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000']) assert.deepEqual(found(`SSN: ${n}`), [], n);
  });
});

describe('phone', () => {
  it('international, NANP and European styles', () => {
    assert.deepEqual(found('call +1-984-182-0190 now'), [['phone', '+1-984-182-0190']]);
    assert.deepEqual(found('Desk: (602)272-9781'), [['phone', '(602)272-9781']]);
    assert.deepEqual(found('Fax: +46 (0)8 928 571 38'), [['phone', '+46 (0)8 928 571 38']]);
    assert.deepEqual(found('Fax: 345-899-3560x4587'), [['phone', '345-899-3560x4587']]);
    assert.deepEqual(found('Phone:\n0490 75 40 81'), [['phone', '0490 75 40 81']]);
  });
  it('an international number is a phone at 0.8 with or without phone or identity-document words nearby', () => {
    const set = defaultSet();
    for (const text of ['passport office +44 20 7946 0958', 'account +44 20 7946 0958 call', 'licence 0044 20 7946 0958', 'call +1 415 5552671', '+1 415-555-2671'])
      assert.deepEqual(set.detect(text).map((e) => [e.detector, e.confidence]), [['phone', 0.8]], text);
    // A short one needs the words.
    assert.deepEqual(found('call +46 12 345'), [['phone', '+46 12 345']]);
    assert.deepEqual(found('see +46 12 345'), []);
  });
  it('not dates, decimals, versions or numbers named as something else', () => {
    assert.deepEqual(found('call on 2024-03-15 please'), []);
    assert.deepEqual(found('called 4.423394 times'), []);
    assert.deepEqual(found("my driver's license number is 2270-66-1551"), []);
    assert.deepEqual(found('CVE-2023-2933 fixed'), []);
    assert.deepEqual(found('Boston, MA 02110-1301 USA'), []);
    assert.deepEqual(found('© 2004-2007 Ankit, call us'), []);
    assert.deepEqual(found('as defined in Clause 252.227-7013 (c) (1), contact'), []);
    assert.deepEqual(found('2007-05-24 10:00 call log'), []);
  });
});

describe('e-mail domains', () => {
  it('are checked in place as the domain pattern checks the folded text', () => {
    const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
    const pieces = ['a', 'Z', '0', '.', '-', 'ｃｏｍ', '．', '－', 'ab', 'ex.', 'co.', 'x'.repeat(61), 'y'.repeat(22), '..', '-.', '.-', '.jp', '.com', '.org'];
    let seed = 5;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let valid = 0;
    for (let k = 0; k < 5000; k++) {
      let d = '';
      const parts = 1 + next(8);
      for (let p = 0; p < parts; p++) d += pieces[next(pieces.length)]!;
      if (next(2) === 0) d += ['.jp', '.com', '．ｊｐ', '.c0m', `.${'q'.repeat(24)}`][next(5)]!;
      const text = `u@${d}`;
      const expected = DOMAIN.test(foldWindow(text, 2, text.length));
      if (expected) valid++;
      assert.equal(domainAt(text, 2, text.length), expected, d);
    }
    assert.ok(valid > 250, String(valid));
    const domain = (d: string) => domainAt(`x@${d}`, 2, d.length + 2);
    assert.equal(domain('example.co.jp'), true);
    assert.equal(domain(`${'a'.repeat(63)}.com`), true);
    assert.equal(domain(`${'a'.repeat(64)}.com`), false);
    assert.equal(domain(`a.${'b'.repeat(24)}`), true);
    assert.equal(domain(`a.${'b'.repeat(25)}`), false);
    assert.equal(domain('a-.jp'), false);
    assert.equal(domain('-a.jp'), false);
    assert.equal(domain('jp'), false);
  });
});
