import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { configSchema } from '../config/index.js';
import { LabelTaxonomy } from '../core/index.js';
import { getEvent, listEvents, openStore } from '../store/index.js';
import { createIcapServer } from './server.js';
import { IcapClient, type IcapAnswer } from './test-support/client.js';
import { createWorkerRecorder } from './worker-recorder.js';
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

  it('sends no answer while its event cannot be committed, and answers once it is', async () => {
    const storePath = join(dir, 'locked.db');
    const store = await openStore({ kind: 'sqlite', path: storePath });
    const committer = await createWorkerRecorder({ kind: 'sqlite', path: storePath });
    let recording = 0;
    const recorder = {
      record: (e: Parameters<typeof committer.record>[0]) => {
        recording++;
        return committer.record(e);
      },
      drain: () => committer.drain(),
    };
    const config = configSchema.parse({});
    const server = createIcapServer({ config, taxonomy: new LabelTaxonomy(), db: store.db, recorder });
    const { port } = await server.listen('127.0.0.1', 0);
    // Another writer holds the database's write lock: the recorder's commit waits for it (busy timeout 5 s).
    const blocker = new SQLite(storePath);
    blocker.pragma('busy_timeout = 5000');
    blocker.exec('BEGIN IMMEDIATE');
    let locked = true;
    const clients = await Promise.all(Array.from({ length: 4 }, () => IcapClient.connect(port)));
    try {
      const early: string[] = [];
      const answers = clients.map((c, i) =>
        c.reqmod({ url: `http://upload.example.jp/${i}`, body: Buffer.from(i % 2 ? sensitiveText() : harmlessText()), allow204: true, preview: i === 3 ? 0 : undefined }).then((a: IcapAnswer) => {
          if (locked) early.push(`${a.status} ${a.headers.get('x-mamori-event') ?? ''}`);
          return a;
        }),
      );
      // Every upload was decided and handed to the recorder, whose commit now waits for the lock.
      for (let i = 0; i < 200 && recording < 4; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(recording, 4, 'all four decisions reached the recorder');
      // Time for a wrong order (answer first, commit later) to show: nothing may arrive while locked.
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(early, [], 'answers sent before their events were committed');
      assert.equal((await listEvents(store.db, { limit: 10 })).length, 0, 'nothing committed while locked');
      locked = false;
      blocker.exec('COMMIT');
      for (const a of await Promise.all(answers)) {
        const id = a.headers.get('x-mamori-event');
        assert.ok(id, `answer ${a.status} names its event`);
        assert.equal((await getEvent(store.db, id))?.id, id, 'the answered event is stored');
      }
    } finally {
      if (locked) blocker.exec('ROLLBACK');
      blocker.close();
      for (const c of clients) c.close();
      await server.close(1000);
      await committer.close();
      await store.close();
    }
  });
});
