import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { enqueueOutbox, listOutbox, type Store } from '../store/index.js';
import { openTestStore } from '../store/test-support/dialects.js';
import { cefValue, formatCef } from './cef.js';
import { respondConfigSchema } from './config.js';
import { OutboxDispatcher, backoffMs } from './dispatcher.js';
import { formatSyslog, octetFrame, tcpSyslogSink, udpSyslogSink } from './syslog.js';
import { TcpSyslogListener, UdpSyslogListener, WebhookListener, freePort } from './test-support/listeners.js';
import { webhookSink } from './webhook.js';

/** Runs dispatcher passes until `done()` or the deadline; bounded in time. */
async function until(d: OutboxDispatcher, done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('delivery did not complete in time');
    await d.runOnce();
    await sleep(10);
  }
}

describe('CEF and syslog formats', () => {
  it('escapes CEF header and extension values', () => {
    const line = formatCef({ vendor: 'ma|mori', product: 'a\\b', version: '1', signatureId: 'x', name: 'line\nbreak', severity: 12, extension: { msg: 'a=b\\c\nd', cs1: '機密性2', bad_key: undefined, 'no key': 'x' } });
    assert.equal(line, 'CEF:0|ma\\|mori|a\\\\b|1|x|line break|10|msg=a\\=b\\\\c\\nd cs1=機密性2');
    assert.equal(cefValue('x\r\ny\rz'), 'x\\ny\\rz');
  });

  it('frames RFC 5424 messages, octet-counting in bytes', () => {
    const m = formatSyslog({ facility: 16, severity: 'critical', time: new Date('2026-11-01T00:00:00.000Z'), appName: 'mamori', msgId: 'incident-opened', message: 'CEF:0|機密\nx', host: 'ws 1' });
    assert.match(m, /^<130>1 2026-11-01T00:00:00\.000Z ws1 mamori \d+ incident-opened - CEF:0\|機密 x$/);
    const f = octetFrame('機密');
    assert.equal(f.toString('utf8'), '6 機密');
  });

  it('backs off exponentially with a cap and jitter', () => {
    assert.equal(backoffMs(0, 100, 10_000, () => 1), 100);
    assert.equal(backoffMs(3, 100, 10_000, () => 1), 800);
    assert.equal(backoffMs(20, 100, 10_000, () => 1), 10_000);
    assert.equal(backoffMs(3, 100, 10_000, () => 0), 400);
  });
});

describe('outbox delivery through outages (real loopback listeners)', () => {
  let store: Store;
  before(async () => {
    store = await openTestStore('sqlite');
  });
  after(async () => {
    await store?.close();
  });

  it('TCP syslog: nothing is lost while the receiver is down, order is kept', async () => {
    const port = await freePort();
    const listener = new TcpSyslogListener(port);
    const cfg = respondConfigSchema.parse({ syslog: { host: '127.0.0.1', port, protocol: 'tcp', timeoutMs: 2000 } }).syslog!;
    const d = new OutboxDispatcher({ db: store.db, sinks: [tcpSyslogSink(cfg)], baseDelayMs: 20, maxDelayMs: 60 });
    const msgs = Array.from({ length: 5 }, (_, i) => formatSyslog({ facility: 16, severity: 'high', time: new Date(), appName: 'mamori', msgId: 'n', message: `CEF:0|mamori|mamori|1|t|通知 ${i}|8|cnt=${i}` }));
    await enqueueOutbox(store.db, 'syslog', msgs);
    const first = await d.runOnce();
    assert.equal(first.delivered, 0);
    assert.equal(first.failed, 5);
    const waiting = await listOutbox(store.db, { sink: 'syslog', status: 'pending' });
    assert.equal(waiting.length, 5);
    assert.match(waiting[0]!.lastError!, /ECONNREFUSED/);
    await listener.start();
    try {
      await until(d, () => listener.messages.length >= 5);
      assert.deepEqual(listener.messages, msgs);
      // Down again, more notices, back up: still everything, once each.
      await listener.stop();
      await enqueueOutbox(store.db, 'syslog', ['m6', 'm7']);
      assert.equal((await d.runOnce()).failed, 2);
      await listener.start();
      await until(d, () => listener.messages.length >= 7);
      await sleep(100);
      await d.runOnce();
      assert.deepEqual(listener.messages.slice(5), ['m6', 'm7']);
      assert.equal((await listOutbox(store.db, { sink: 'syslog', status: 'pending' })).length, 0);
    } finally {
      await listener.stop();
    }
  });

  it('UDP syslog: a refused port (receiver down) is retried until it is back', async () => {
    const port = await freePort();
    const listener = new UdpSyslogListener(port);
    const cfg = respondConfigSchema.parse({ syslog: { host: '127.0.0.1', port, protocol: 'udp' } }).syslog!;
    const d = new OutboxDispatcher({ db: store.db, sinks: [udpSyslogSink(cfg, 50)], baseDelayMs: 20, maxDelayMs: 60 });
    // The first datagram draws the ICMP "port unreachable"; a single one is the case that matters most.
    await enqueueOutbox(store.db, 'syslog', ['udp-1']);
    const first = await d.runOnce();
    assert.equal(first.failed, 1);
    await listener.start();
    try {
      await until(d, () => listener.messages.includes('udp-1'));
      await enqueueOutbox(store.db, 'syslog', ['udp-2', 'udp-3']);
      await until(d, () => listener.messages.includes('udp-3'));
      assert.deepEqual(listener.messages.filter((m) => m.startsWith('udp-')), ['udp-1', 'udp-2', 'udp-3']);
    } finally {
      await listener.stop();
    }
  });

  it('webhook: 503 and a dead server are retried, 400 is set aside, signatures are sent', async () => {
    const port = await freePort();
    const listener = new WebhookListener(port);
    process.env.MAMORI_TEST_WEBHOOK_KEY = 'k3y';
    const cfg = respondConfigSchema.parse({ webhook: { url: `http://127.0.0.1:${port}/hook`, timeoutMs: 2000, secretEnv: 'MAMORI_TEST_WEBHOOK_KEY' } }).webhook!;
    const d = new OutboxDispatcher({ db: store.db, sinks: [webhookSink(cfg)], baseDelayMs: 20, maxDelayMs: 60 });
    await enqueueOutbox(store.db, 'webhook', ['{"n":1}', '{"n":2}']);
    assert.equal((await d.runOnce()).failed, 2, 'nobody listening');
    listener.status = 503;
    await listener.start();
    try {
      await sleep(70);
      assert.equal((await d.runOnce()).delivered, 0);
      listener.status = 200;
      await until(d, () => listener.bodies.length >= 2);
      assert.deepEqual(listener.bodies.map((b) => b.body), ['{"n":1}', '{"n":2}']);
      assert.equal(listener.bodies[0]!.signature, `sha256=${createHmac('sha256', 'k3y').update('{"n":1}').digest('hex')}`);
      listener.status = 400;
      await enqueueOutbox(store.db, 'webhook', ['{"n":3}']);
      const r = await d.runOnce();
      assert.equal(r.dead, 1);
      listener.status = 200;
      await enqueueOutbox(store.db, 'webhook', ['{"n":4}']);
      await until(d, () => listener.bodies.length >= 3);
      assert.deepEqual(listener.bodies.map((b) => b.body), ['{"n":1}', '{"n":2}', '{"n":4}']);
      assert.equal((await listOutbox(store.db, { sink: 'webhook', status: 'dead' })).length, 1);
    } finally {
      await listener.stop();
    }
  });
});
