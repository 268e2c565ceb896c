import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DestinationSet } from './destinations.js';
import { MamoriError } from './errors.js';

describe('DestinationSet', () => {
  const set = DestinationSet.parse(['example.com', '*.cdn.example.net', '=exact.example.org', '203.0.113.0/24', '2001:db8::/32', '198.51.100.7', '例え.jp']);

  it('a bare domain covers itself and its subdomains', () => {
    assert.equal(set.matchesHost('example.com'), true);
    assert.equal(set.matchesHost('WWW.Example.COM.'), true);
    assert.equal(set.matchesHost('a.b.example.com'), true);
    assert.equal(set.matchesHost('notexample.com'), false);
    assert.equal(set.matchesHost('example.com.evil.io'), false);
  });

  it('a wildcard covers subdomains only; = is exact', () => {
    assert.equal(set.matchesHost('x.cdn.example.net'), true);
    assert.equal(set.matchesHost('cdn.example.net'), false);
    assert.equal(set.matchesHost('exact.example.org'), true);
    assert.equal(set.matchesHost('www.exact.example.org'), false);
  });

  it('matches IPs by CIDR, v4 and v6, and IP literals given as hosts', () => {
    assert.equal(set.matchesIp('203.0.113.200'), true);
    assert.equal(set.matchesIp('203.0.114.1'), false);
    assert.equal(set.matchesIp('198.51.100.7'), true);
    assert.equal(set.matchesIp('2001:db8:1::5'), true);
    assert.equal(set.matchesIp('::ffff:203.0.113.5'), true);
    assert.equal(set.matchesHost('[2001:db8::1]'), true);
    assert.equal(set.matches({ host: 'unknown.example', ip: '203.0.113.1' }), true);
  });

  it('matches internationalised names in either form', () => {
    assert.equal(set.matchesHost('www.例え.jp'), true);
    assert.equal(set.matchesHost('xn--r8jz45g.jp'), true);
  });

  it('rejects malformed entries with ERR_CONFIG', () => {
    for (const bad of ['10.0.0.0/33', 'exa mple.com', 'foo*.com', 'http://x.com']) {
      assert.throws(() => DestinationSet.parse([bad]), (e: unknown) => e instanceof MamoriError && e.code === 'ERR_CONFIG', bad);
    }
  });
});
