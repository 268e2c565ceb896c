import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listEvents, openStore } from '../store/index.js';
import { IcapClient } from './test-support/client.js';
import { spawnIcap } from './test-support/process.js';
import { harmlessText, sensitiveText } from './test-support/samples.js';

describe('event durability', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamori-durable-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps every event whose answer was received when the server is SIGKILLed under load', async () => {
    const storePath = join(dir, 'events.db');
    const icap = await spawnIcap(storePath);
    const answered: string[] = [];
    let stop = false;
    const bodies = [Buffer.from(harmlessText()), Buffer.from(sensitiveText()), Buffer.alloc(64 * 1024, harmlessText())];
    const worker = async (n: number) => {
      const c = await IcapClient.connect(icap.port);
      try {
        for (let i = 0; !stop && i < 10_000; i++) {
          const a = await c.reqmod({ url: `http://example.jp/${n}/${i}`, body: bodies[(n + i) % bodies.length]!, allow204: true, preview: i % 2 ? 0 : undefined });
          const id = a.headers.get('x-mamori-event');
          assert.ok(id, `answer ${a.status} names its event`);
          answered.push(id);
        }
      } catch {
        // The connection dies with the server: expected.
      } finally {
        c.close();
      }
    };
    const workers = Array.from({ length: 8 }, (_, n) => worker(n));
    await new Promise((r) => setTimeout(r, 1500));
    icap.child.kill('SIGKILL');
    stop = true;
    await icap.exited;
    await Promise.all(workers);
    assert.ok(answered.length >= 20, `load reached the server (${answered.length} answers)`);

    const store = await openStore({ kind: 'sqlite', path: storePath });
    try {
      const stored = new Set((await listEvents(store.db, { limit: 1_000_000 })).map((e) => e.id));
      const missing = answered.filter((id) => !stored.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${answered.length} answered events missing`);
      assert.ok(stored.size >= answered.length);
      console.log(`# ${answered.length} answers received, ${stored.size} events stored`);
    } finally {
      await store.close();
    }
  });
});
