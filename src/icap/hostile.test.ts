import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IcapClient } from './test-support/client.js';
import { harmlessText } from './test-support/samples.js';
import { startTestIcap, type TestIcap } from './test-support/start.js';

/** Sends raw bytes on a fresh connection; returns the status of the answer (or 0) and whether the server closed. */
async function sendRaw(port: number, data: Buffer | string, endAfter = false): Promise<{ status: number; closed: boolean }> {
  const c = await IcapClient.connect(port);
  c.write(data);
  if (endAfter) c.socket.end();
  const status = await c.answer().then((a) => a.status, () => 0);
  const closed = await c.closed(3000);
  c.close();
  return { status, closed };
}

const HTTP = 'POST http://example.jp/up HTTP/1.1\r\nHost: example.jp\r\n\r\n';
const head = (extra: string) => `REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
const good = (body: string) => `${head(`Encapsulated: req-hdr=0, req-body=${HTTP.length}\r\n`)}${HTTP}${body}`;

describe('ICAP server against hostile input', () => {
  let icap: TestIcap;
  before(async () => {
    icap = await startTestIcap({ readTimeoutMs: 300, idleTimeoutMs: 600, maxHeaderBytes: 4096, maxConnections: 8 });
  });
  after(() => icap.stop());

  const cases: [string, string | Buffer, number][] = [
    ['garbage', Buffer.from('\x00\xff\x16\x03\x01 hello\r\n\r\n', 'latin1'), 400],
    ['an HTTP request instead of ICAP', 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', 505],
    ['an unknown method', 'BREW icap://127.0.0.1/reqmod ICAP/1.0\r\n\r\n', 501],
    ['an unknown service', 'REQMOD icap://127.0.0.1/nope ICAP/1.0\r\nEncapsulated: null-body=0\r\n\r\n', 404],
    ['RESPMOD on the reqmod service', 'RESPMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nEncapsulated: null-body=0\r\n\r\n', 405],
    ['a missing Encapsulated header', head(''), 400],
    ['a malformed Encapsulated header', head('Encapsulated: req-hdr=zero\r\n'), 400],
    ['Encapsulated offsets going backwards', head('Encapsulated: req-hdr=0, res-hdr=50, req-body=10\r\n'), 400],
    ['Encapsulated without a body section', head('Encapsulated: req-hdr=0\r\n'), 400],
    ['a header line without a colon', head('Encapsulated null-body=0\r\n'), 400],
    ['a bad chunk size', good('zz\r\nabc\r\n0\r\n\r\n'), 400],
    ['a negative chunk size', good('-5\r\nabc\r\n0\r\n\r\n'), 400],
    ['a chunk size beyond any body', good('ffffffffffffffffff\r\n'), 400],
    ['a chunk without its CRLF', good('3\r\nabcXY0\r\n\r\n'), 400],
    ['a huge ICAP header block', `REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nX-Big: ${'a'.repeat(10_000)}\r\n\r\n`, 413],
    ['a huge encapsulated HTTP header', head('Encapsulated: req-hdr=0, null-body=999999\r\n'), 413],
    ['a malformed encapsulated HTTP request', `${head('Encapsulated: req-hdr=0, null-body=12\r\n')}NOT HTTP\r\n\r\n`, 400],
    ['a malformed Preview header', `${head(`Encapsulated: req-hdr=0, req-body=${HTTP.length}\r\nPreview: lots\r\n`)}${HTTP}0\r\n\r\n`, 400],
  ];
  for (const [what, data, status] of cases) {
    it(`answers ${what} with ${status} and closes`, async () => {
      const r = await sendRaw(icap.port, data);
      assert.equal(r.status, status);
      assert.equal(r.closed, true);
    });
  }

  it('closes a truncated body without answering, and a stalled one with 408 (slowloris)', async () => {
    assert.deepEqual(await sendRaw(icap.port, good('10\r\nonly-part'), true), { status: 0, closed: true });
    const t0 = Date.now();
    assert.deepEqual(await sendRaw(icap.port, good('10\r\nonly-part')), { status: 408, closed: true });
    const head1 = await sendRaw(icap.port, 'REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: slow');
    assert.deepEqual(head1, { status: 408, closed: true });
    assert.ok(Date.now() - t0 < 10_000, "answered by the read timeout, not left hanging");
  });

  it('closes idle connections', async () => {
    const c = await IcapClient.connect(icap.port);
    assert.equal(await c.closed(3000), true);
  });

  it('refuses connections past the limit with 503 and still serves afterwards', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, () => IcapClient.connect(icap.port)));
    await new Promise((r) => setTimeout(r, 50));
    const extra = await IcapClient.connect(icap.port);
    assert.equal((await extra.answer()).status, 503);
    for (const c of held) c.close();
    await new Promise((r) => setTimeout(r, 50));
    const c = await IcapClient.connect(icap.port);
    assert.equal((await c.reqmod({ url: 'http://example.jp/', body: Buffer.from(harmlessText()), allow204: true })).status, 204);
    c.close();
  });

  it('survives a burst of random bytes and still answers OPTIONS', async () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 30; i++) {
      const len = Math.floor(rand() * 600);
      const bytes = Buffer.from(Array.from({ length: len }, () => Math.floor(rand() * 256)));
      // Half of them start like a real request so the parser goes deeper.
      const data = i % 2 ? Buffer.concat([Buffer.from(good('')), bytes]) : Buffer.concat([bytes, Buffer.from('\r\n\r\n')]);
      const r = await sendRaw(icap.port, data, true);
      assert.ok(r.status === 0 || (r.status >= 400 && r.status < 600), `status ${r.status}`);
    }
    const c = await IcapClient.connect(icap.port);
    assert.equal((await c.options()).status, 200);
    c.close();
  });
});
