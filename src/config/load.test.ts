import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MamoriError } from '../core/index.js';
import { defaultConfig, parseConfig } from './load.js';

describe('config', () => {
  it('fills every default from an empty file', () => {
    const c = parseConfig('');
    assert.deepEqual(c, defaultConfig());
    assert.equal(c.store.kind, 'sqlite');
    assert.equal(c.extract.maxDepth, 8);
  });

  it('names the file and line of a wrong value', () => {
    const text = 'org: ministry\nextract:\n  maxDepth: -3\n';
    assert.throws(
      () => parseConfig(text, 'mamori.yaml'),
      (e: unknown) => e instanceof MamoriError && e.code === 'ERR_CONFIG' && /^mamori\.yaml:3: extract\.maxDepth: /.test(e.message),
    );
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    assert.throws(() => parseConfig('extrct: {}\n', 'c.yaml'), /c\.yaml:1: .*extrct/);
  });

  it('reports YAML syntax errors with a line', () => {
    assert.throws(() => parseConfig('a: [1, 2\nb: 3\n', 'bad.yaml'), /bad\.yaml:\d+: /);
  });
});

describe('config labels', () => {
  it('a policy rule naming a label the taxonomy lacks is an error with its line', () => {
    const text = 'policy:\n  rules:\n    - id: r1\n      when:\n        label: { atLeast: c4 }\n      action: block\n';
    assert.throws(() => parseConfig(text, 'p.yaml'), /p\.yaml:5: policy\.rules\.0\.when\.label\.atLeast: .*c4/);
  });
});
