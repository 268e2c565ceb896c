import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from '../config/index.js';
import { createInspectPool } from './inspect-pool.js';
import { harmlessText, repeatText, sensitiveText } from './test-support/samples.js';

describe('inspection worker pool', () => {
  const config = configSchema.parse({});
  const context = { channel: 'icap' as const, destHost: 'upload.example.jp', contentType: 'text/plain' };

  it('inspects on worker threads with the same result as the pipeline', async () => {
    const pool = await createInspectPool({ size: 2, config, timeoutMs: 30_000 });
    try {
      const [a, b] = await Promise.all([pool.inspect(Buffer.from(sensitiveText()), context), pool.inspect(Buffer.from(harmlessText()), context)]);
      assert.equal(a.verdict.action, 'block');
      assert.equal(a.label, 'c2');
      assert.equal(b.verdict.action, 'allow');
      const input = Buffer.from(harmlessText());
      await pool.inspect(input, context);
      assert.equal(input.toString(), harmlessText(), 'the caller keeps its bytes');
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker that overruns its time and keeps serving', async () => {
    const pool = await createInspectPool({ size: 1, config, timeoutMs: 5 });
    try {
      await assert.rejects(pool.inspect(repeatText(harmlessText(), 4 << 20), context), /exceeded 5 ms/);
    } finally {
      await pool.close();
    }
    const fresh = await createInspectPool({ size: 1, config, timeoutMs: 30_000 });
    try {
      assert.equal((await fresh.inspect(Buffer.from(sensitiveText()), context)).verdict.action, 'block');
    } finally {
      await fresh.close();
    }
  });
});
