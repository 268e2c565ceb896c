import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnRecord } from '../records.js';
import { rng } from '../test-support/logs.js';
import { NetAggregate, mergeBatch } from './aggregate.js';
import { analyse, pagesOf } from './analyse.js';
import { kmvAdd, kmvCount, hash32 } from './kmv.js';
import { InternalNetworks } from './networks.js';
import { registeredDomain } from './registered-domain.js';

const nets = InternalNetworks.parse(['10.0.0.0/8', 'fc00::/7']);

function conn(ts: number, src: string, dst: string, port: number, out: number, state = 'SF', duration = 1): ConnRecord {
  return { ts, src, dst, dport: port, proto: 'tcp', service: '', duration, origBytes: out, respBytes: 500, state };
}

async function findingsOf(agg: NetAggregate) {
  const b = agg.take();
  const merged = mergeBatch(b, new Map(), new Map());
  return analyse(pagesOf(merged.pairs), pagesOf(merged.dns));
}

describe('beacon scoring', () => {
  it('scores a jittered 200–350 s beacon with missed check-ins high, and random browsing low', async () => {
    const r = rng(7);
    const agg = new NetAggregate(nets);
    let t = 1_700_000_000;
    for (let i = 0; i < 300; i++) {
      t += 200 + r() * 150;
      if (r() < 0.15) continue; // missed sample
      agg.conn(conn(t, '10.0.0.5', '198.51.100.7', 4444, 300 + Math.round(r() * 40)));
    }
    let u = 1_700_000_000;
    for (let i = 0; i < 150; i++) {
      u += Math.exp(r() * 9); // 1 s .. 2 h, heavy-tailed like a person
      agg.conn(conn(u, '10.0.0.5', '192.0.2.80', 443, Math.round(Math.exp(r() * 12))));
    }
    const f = await findingsOf(agg);
    const beacon = f.find((x) => x.kind === 'beacon' && x.dst === '198.51.100.7');
    assert.ok(beacon, 'beacon found');
    assert.ok(beacon.score >= 0.8, `score ${beacon.score}`);
    assert.equal(beacon.severity, 'high', 'uncommon port corroborates');
    assert.match(beacon.reasons.join(' '), /missed check-ins/);
    const browsing = f.find((x) => x.kind === 'beacon' && x.dst === '192.0.2.80');
    assert.ok(!browsing || browsing.score < 0.5, `browsing scored ${browsing?.score}`);
    assert.equal(f[0]!.dst, '198.51.100.7', 'the beacon is the top finding');
  });

  it('keeps a named hourly update check on 443 at medium at most', async () => {
    const agg = new NetAggregate(nets);
    for (let i = 0; i < 48; i++) {
      const ts = 1_700_000_000 + i * 1800 + (i % 3);
      agg.conn(conn(ts, '10.0.0.9', '203.0.113.50', 443, 1200));
      agg.ssl({ ts, src: '10.0.0.9', dst: '203.0.113.50', dport: 443, serverName: 'update.vendor.example' });
    }
    const f = await findingsOf(agg);
    const beacons = f.filter((x) => x.kind === 'beacon');
    assert.ok(beacons.length >= 1);
    for (const b of beacons) {
      assert.ok(b.score >= 0.7, `periodic pattern recognised (${b.score})`);
      assert.equal(b.severity, 'medium');
    }
    assert.ok(beacons.some((b) => b.dstHost === 'update.vendor.example'));
  });

  it('leaves out internal↔internal, inbound and multicast traffic', async () => {
    const agg = new NetAggregate(nets);
    for (let i = 0; i < 50; i++) {
      agg.conn(conn(i * 60, '10.0.0.5', '10.0.0.6', 445, 100));
      agg.conn(conn(i * 60, '198.51.100.1', '10.0.0.5', 22, 100));
      agg.conn(conn(i * 60, '10.0.0.5', '224.0.0.251', 5353, 100));
      agg.conn(conn(i * 60, 'fe80::1', 'ff02::1', 5353, 100));
    }
    assert.deepEqual(agg.directions, { outbound: 0, inbound: 50, internal: 50, other: 100 });
    assert.equal((await findingsOf(agg)).length, 0);
  });
});

describe('other kinds', () => {
  it('flags strobes, long connections and upload-heavy volume', async () => {
    const agg = new NetAggregate(nets);
    for (let i = 0; i < 5000; i++) agg.conn(conn(1000 + i * 0.5, '10.0.0.5', '198.51.100.9', 80, 10));
    for (let p = 1; p <= 300; p++) agg.conn(conn(5000 + p, '10.0.0.6', '198.51.100.10', p, 0, 'REJ'));
    agg.conn(conn(1000, '10.0.0.7', '198.51.100.11', 443, 1000, 'SF', 9 * 3600));
    for (let i = 0; i < 10; i++) agg.conn(conn(2000 + i * 10, '10.0.0.8', `192.0.2.${i + 1}`, 443, 2000));
    agg.conn(conn(3000, '10.0.0.8', '198.51.100.12', 443, 400 * 1024 * 1024));
    const f = await findingsOf(agg);
    const kinds = (dst: string) => f.filter((x) => x.dst === dst).map((x) => x.kind);
    // A strobe is not also reported as a beacon; rarity may still be reported alongside.
    assert.ok(kinds('198.51.100.9').includes('strobe') && !kinds('198.51.100.9').includes('beacon'));
    assert.ok(kinds('198.51.100.10').includes('strobe') && !kinds('198.51.100.10').includes('beacon'));
    assert.ok(kinds('198.51.100.11').includes('long-connection'));
    const ex = f.find((x) => x.kind === 'exfil-volume');
    assert.equal(ex?.dst, '198.51.100.12');
    assert.match(ex!.reasons.join(' '), /upload/);
  });

  it('finds a DNS tunnel and a DGA but not a normal domain', async () => {
    const r = rng(3);
    const agg = new NetAggregate(nets);
    const hex = () => Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
    for (let i = 0; i < 400; i++) agg.dns({ ts: 1000 + i, src: '10.0.0.5', dst: '10.0.0.1', query: `${hex()}.${hex().slice(0, 20)}.t.tunnel.example.co.uk`, qtype: 'TXT', rcode: 'NOERROR', answers: [] });
    for (let i = 0; i < 400; i++) agg.dns({ ts: 1000 + i, src: '10.0.0.6', dst: '10.0.0.1', query: ['www', 'mail', 'api'][i % 3] + '.normal.example', qtype: 'A', rcode: 'NOERROR', answers: ['192.0.2.1'] });
    const cv = () => Array.from({ length: 7 }, (_, k) => (k % 2 ? 'aeiouy' : 'bcdfghjklmnpqrstvwxz')[Math.floor(r() * (k % 2 ? 6 : 20))]).join('');
    for (let i = 0; i < 60; i++) agg.dns({ ts: 2000 + i, src: '10.0.0.7', dst: '10.0.0.1', query: `${cv()}.com`, qtype: 'A', rcode: 'NXDOMAIN', answers: [] });
    const f = await findingsOf(agg);
    const t = f.find((x) => x.kind === 'dns-tunnel');
    assert.equal(t?.src, '10.0.0.5');
    assert.equal(t?.dst, 'example.co.uk');
    assert.ok(t!.severity === 'high' || t!.severity === 'critical', t!.severity);
    assert.ok(!f.some((x) => x.src === '10.0.0.6'));
    const dga = f.find((x) => x.src === '10.0.0.7');
    assert.equal(dga?.kind, 'rare-destination');
    assert.match(dga!.reasons[0]!, /NXDOMAIN/);
  });
});

describe('bounded buffering', () => {
  it('folding timestamps mid-ingest gives the same summaries as folding at the end', () => {
    const feed = (agg: NetAggregate, fold: boolean) => {
      for (let i = 0; i < 500; i++) {
        agg.conn(conn(1000 + i * 37 + (i % 5), '10.0.0.5', '198.51.100.7', 443, 100 + (i % 7)));
        if (fold && i % 50 === 49) agg.foldAll();
      }
      return mergeBatch(agg.take(), new Map(), new Map()).pairs;
    };
    const a = new NetAggregate(nets);
    const b = new NetAggregate(nets);
    assert.deepEqual(feed(a, true), feed(b, false));
    assert.equal(a.buffered, 0);
  });
});

describe('helpers', () => {
  it('registeredDomain knows multi-label suffixes', () => {
    assert.equal(registeredDomain('a.b.example.co.jp'), 'example.co.jp');
    assert.equal(registeredDomain('www.digital.go.jp.'), 'digital.go.jp');
    assert.equal(registeredDomain('x.y.bbc.co.uk'), 'bbc.co.uk');
    assert.equal(registeredDomain('d111.cloudfront.net'), 'd111.cloudfront.net');
    assert.equal(registeredDomain('a.b.example.com'), 'example.com');
    assert.equal(registeredDomain('example.com'), 'example.com');
  });

  it('KMV sketch counts exactly under K and estimates above', () => {
    const s: number[] = [];
    for (let i = 0; i < 100; i++) kmvAdd(s, hash32(`n${i % 50}`));
    assert.equal(kmvCount(s), 50);
    for (let i = 0; i < 10000; i++) kmvAdd(s, hash32(`m${i}`));
    const est = kmvCount(s);
    assert.ok(est > 8000 && est < 12500, `estimate ${est}`);
  });

  it('InternalNetworks rejects bad CIDRs', () => {
    assert.throws(() => InternalNetworks.parse(['10.0.0.0/33']), /bad internal network/);
    assert.equal(InternalNetworks.parse(['2001:db8::/32']).zone('2001:db8::1'), 'internal');
  });
});
