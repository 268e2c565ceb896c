import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MamoriError } from '../core/index.js';
import { BUILTIN_DETECTORS, detectFindings } from './index.js';
import { defaultSet, found } from './test-support/detect.js';

describe('createDetectorSet', () => {
  it('lists every built-in identifier with a category and label', () => {
    const set = defaultSet();
    assert.equal(set.detectors.length, BUILTIN_DETECTORS.length);
    assert.equal(set.info('jp.my_number')?.category, 'pii');
    assert.equal(set.info('marking.gokuhi')?.label, 'c3');
    assert.equal(set.info('credit_card')?.validated, true);
    assert.ok(set.info('jp.my_number')?.contextWords.includes('個人番号'));
  });

  it('switches detectors off by id or prefix', () => {
    const set = defaultSet({ disabled: ['secret.*', 'email'] });
    assert.equal(set.info('secret.jwt'), undefined);
    assert.deepEqual(set.detect('a@example.com card 4111 1111 1111 1111').map((e) => e.detector), ['credit_card']);
  });

  it('drops findings below minConfidence', () => {
    assert.deepEqual(found('品番 100-8914', { minConfidence: 0.2 }), [['jp.postal_code', '100-8914']]);
    assert.deepEqual(found('品番 100-8914'), []);
  });

  it('reports offsets as JS string indices, also after surrogate pairs and full-width text', () => {
    const text = '😀𠮷 個人番号：１２３４ ５６７８ ９０１８ 😀 mail a@b.co';
    const es = defaultSet().detect(text);
    assert.deepEqual(es.map((e) => [e.detector, text.slice(e.start, e.end), e.value]), [
      ['jp.my_number', '１２３４ ５６７８ ９０１８', '１２３４ ５６７８ ９０１８'],
      ['email', 'a@b.co', 'a@b.co'],
    ]);
    assert.ok(es.every((e, i) => i === 0 || es[i - 1]!.start <= e.start));
  });
});

describe('custom identifiers', () => {
  it('regex (RE2) and keyword lists with their own label and context words', () => {
    const set = defaultSet({
      custom: [
        { id: 'custom.project', pattern: 'PRJ-\\d{4}', caseSensitive: true, label: 'c3', confidence: 0.9, contextWords: [] },
        { id: 'custom.codename', keywords: ['さくら計画', 'Blue Harbor'], caseSensitive: false, label: 'c2', confidence: 0.8, contextWords: ['計画'] },
      ],
    });
    assert.deepEqual(set.detect('PRJ-2024 と blue harbor').map((e) => [e.detector, e.value, e.confidence]), [
      ['custom.project', 'PRJ-2024', 0.9],
      ['custom.codename', 'blue harbor', 0.5],
    ]);
    assert.equal(set.info('custom.project')?.label, 'c3');
    assert.equal(set.detect('さくら計画').length, 1);
  });

  it('rejects patterns RE2 cannot compile with ERR_CONFIG', () => {
    for (const pattern of ['(a)\\1', '(?=x)y', '(unclosed']) {
      assert.throws(
        () => defaultSet({ custom: [{ id: 'custom.bad', pattern, caseSensitive: false, label: 'c2', confidence: 0.8, contextWords: [] }] }),
        (e: unknown) => e instanceof MamoriError && e.code === 'ERR_CONFIG' && e.message.includes('custom.bad'),
      );
    }
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const set = defaultSet({ custom: [{ id: 'custom.evil', pattern: '(a+)+$', caseSensitive: false, label: 'c2', confidence: 0.8, contextWords: [] }] });
    const text = `${'a'.repeat(100_000)}!`;
    assert.deepEqual(set.detect(text), []); // a backtracking engine would not return
  });
});

describe('hostile input', () => {
  it('long runs of digits, separators, quotes, colons and key headers finish and find nothing wrong', () => {
    const set = defaultSet();
    const inputs = [
      '1'.repeat(200_000),
      '1-'.repeat(100_000),
      `password = "${'x'.repeat(300_000)}`,
      ':'.repeat(200_000),
      '@'.repeat(200_000),
      '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(5_000),
      '秘'.repeat(100_000),
      '_'.repeat(100_000),
    ];
    for (const text of inputs) {
      const es = set.detect(text);
      assert.ok(es.every((e) => e.start >= 0 && e.end <= text.length && e.start < e.end));
    }
  });
});

describe('detectFindings', () => {
  it('aggregates per detector with masked samples', () => {
    const findings = detectFindings(defaultSet(), [
      { path: 'a.txt', text: '個人番号 1234 5678 9018' },
      { path: 'b.txt', text: 'card 4111 1111 1111 1111' },
    ]);
    const card = findings.find((f) => f.detector === 'credit_card')!;
    assert.deepEqual(card.samples, ['4111 **** **** 1111']);
    assert.deepEqual(card.parts, ['b.txt']);
    const myNumber = findings.find((f) => f.detector === 'jp.my_number')!;
    assert.ok(!myNumber.samples[0]!.includes('5678'));
  });
});

describe('masked samples', () => {
  it('secrets keep a short prefix and no tail; key blocks show their header only', () => {
    const pem = ['-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA ', 'PRIVATE KEY-----'].join('');
    const findings = detectFindings(defaultSet(), [{ path: 'k', text: `${pem}\ndb_password = 'f6CGV4aMM9zedoh3OUNbSakBymo7yplB'` }]);
    const samples = Object.fromEntries(findings.map((f) => [f.detector, f.samples[0]]));
    assert.equal(samples['secret.private_key'], '-----BEGIN RSA PRIVATE KEY----- …');
    assert.equal(samples['secret.keyword_assignment'], 'f6CG************');
  });
});
