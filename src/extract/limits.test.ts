import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MamoriError } from '../core/index.js';
import { Budget } from './limits.js';
import { printableStrings } from './strings.js';
import { testLimits } from './test-support/run.js';

describe('Budget', () => {
  it('rejects work that outlives the wall-clock budget and lets it release what it holds', async () => {
    const budget = new Budget(testLimits({ timeoutMs: 50 }));
    let released = false;
    const started = Date.now();
    await assert.rejects(
      budget.race(new Promise(() => {}), () => (released = true)),
      (e: unknown) => e instanceof MamoriError && e.code === 'ERR_TIMEOUT',
    );
    assert.equal(released, true);
    assert.ok(Date.now() - started < 2000);
    assert.equal(await new Budget(testLimits()).race(Promise.resolve(7)), 7);
  });

  it('spends expansion across members and reports which limit bound', () => {
    const budget = new Budget(testLimits({ maxExpandedBytes: 10 * 1024 * 1024, maxRatio: 10, ratioFloorBytes: 0 }));
    assert.equal(budget.inflateCap(1000), 10_000);
    assert.throws(() => budget.overflow(1000, 'member'), /ratio limit 10/);
    assert.equal(budget.exhausted, false);
    budget.spendExpanded(10 * 1024 * 1024 - 100);
    assert.equal(budget.inflateCap(1000), 100);
    assert.throws(() => budget.overflow(1000, 'member'), /in total/);
    assert.equal(budget.exhausted, true);
  });

  it('caps one member at maxInputBytes, since it is held whole like an input', () => {
    const budget = new Budget(testLimits({ maxInputBytes: 1000, maxRatio: 1e6 }));
    assert.equal(budget.inflateCap(1_000_000), 1000);
    assert.throws(() => budget.overflow(1_000_000, 'member'), /past 1000 bytes, the largest input accepted/);
    assert.equal(budget.exhausted, false);
  });

  it('grants text characters up to the limit', () => {
    const budget = new Budget(testLimits({ maxTextChars: 10 }));
    assert.deepEqual([budget.grantChars(6), budget.grantChars(6), budget.grantChars(6)], [6, 4, 0]);
  });
});

describe('printableStrings', () => {
  it('finds strings anywhere in a large binary', () => {
    const big = Buffer.alloc(20 * 1024 * 1024);
    big.write('BEGIN-MARKER', 10);
    big.write('TOKEN ghp_0123456789abcdef', 12 * 1024 * 1024);
    Buffer.from('部外秘 2024', 'utf16le').copy(big, 19 * 1024 * 1024);
    const s = printableStrings(big);
    assert.deepEqual(s.split('\n'), ['BEGIN-MARKER', 'TOKEN ghp_0123456789abcdef', '部外秘 2024']);
  });
});
