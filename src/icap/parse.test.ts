import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wantsJson } from './block-page.js';
import { parseEncapsulated } from './encapsulated.js';
import { parseHead, parseIcapRequestLine } from './head.js';
import { HeaderList } from './headers.js';
import { parseHttpRequest } from './http-request.js';
import { clientIdentity, normaliseUser } from './identity.js';

describe('Encapsulated header', () => {
  it('reads section lengths and the body kind', () => {
    assert.deepEqual(parseEncapsulated('req-hdr=0, req-body=412'), { reqHdrLength: 412, resHdrLength: 0, body: 'req-body' });
    assert.deepEqual(parseEncapsulated('req-hdr=0, res-hdr=100, res-body=250'), { reqHdrLength: 100, resHdrLength: 150, body: 'res-body' });
    assert.deepEqual(parseEncapsulated('null-body=0'), { reqHdrLength: 0, resHdrLength: 0, body: 'null-body' });
  });
  it('rejects what RFC 3507 does not allow', () => {
    for (const bad of [undefined, '', 'req-hdr=5, null-body=9', 'req-body=0, req-hdr=4', 'req-hdr=0, req-body=4, res-body=9', 'req-hdr=0', 'foo=0, null-body=1', 'req-hdr=0, null-body=99999999999']) {
      assert.throws(() => parseEncapsulated(bad), /Encapsulated|body section/, String(bad));
    }
  });
});

describe('message heads', () => {
  it('parses the ICAP request line, keeps duplicate fields and joins folded lines', () => {
    assert.deepEqual(parseIcapRequestLine('REQMOD icap://proxy.example:1344/ReqMod?x=1 ICAP/1.0'), { method: 'REQMOD', uri: 'icap://proxy.example:1344/ReqMod?x=1', service: 'reqmod' });
    const h = parseHead(Buffer.from('\r\nX ICAP/1.0\r\nContent-Length: 5\r\ncontent-length: 5\r\nX-Long: a\r\n  b'));
    assert.equal(h.startLine, 'X ICAP/1.0');
    assert.equal(h.headers.entries.length, 3);
    assert.equal(h.headers.get('x-long'), 'a b');
    assert.throws(() => parseIcapRequestLine('REQMOD icap://h/reqmod ICAP/2.0'), /version/);
  });
  it('rebuilds the URL of origin-form and CONNECT requests and spots IP destinations', () => {
    assert.equal(parseHttpRequest(Buffer.from('POST /a?b HTTP/1.1\r\nHost: up.example.jp:8080\r\n\r\n')).url, 'http://up.example.jp:8080/a?b');
    const connect = parseHttpRequest(Buffer.from('CONNECT [2001:db8::1]:443 HTTP/1.1\r\n\r\n'));
    assert.equal(connect.host, '2001:db8::1');
    assert.equal(connect.ip, '2001:db8::1');
    assert.equal(parseHttpRequest(Buffer.from('PUT https://files.example/x HTTP/1.1\r\n\r\n')).ip, undefined);
  });
});

describe('client identity', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('decodes base64 user names and strips directory prefixes', () => {
    assert.deepEqual(clientIdentity(new HeaderList([['X-Client-IP', '10.0.0.5'], ['X-Authenticated-User', b64('WinNT://MINISTRY/sato')]])), { clientIp: '10.0.0.5', user: 'MINISTRY\\sato' });
    assert.equal(clientIdentity(new HeaderList([['X-Authenticated-User', b64('LDAP://dc1/CN=Sato Hanako,OU=Staff,DC=ex,DC=jp')]])).user, 'Sato Hanako');
    assert.equal(clientIdentity(new HeaderList([['X-Authenticated-User', b64('田中')]])).user, '田中');
    assert.equal(clientIdentity(new HeaderList([['X-Client-Username', 'kato']])).user, 'kato');
    assert.equal(normaliseUser('ldap://cn=a,dc=b'), 'a');
  });
  it('ignores what is not an address or a name', () => {
    assert.deepEqual(clientIdentity(new HeaderList([['X-Client-IP', 'not-an-ip'], ['X-Client-Username', '-']])), {});
    // A plain name that is also valid base64 of control bytes stays as it is.
    assert.equal(clientIdentity(new HeaderList([['X-Authenticated-User', 'abcd']])).user, 'abcd');
  });
});

describe('block page format', () => {
  it('is JSON only when the request wanted JSON', () => {
    assert.equal(wantsJson(new HeaderList([['Accept', 'application/json']])), true);
    assert.equal(wantsJson(new HeaderList([['Content-Type', 'application/vnd.api+json']])), true);
    assert.equal(wantsJson(new HeaderList([['Accept', 'text/html,application/json;q=0.9']])), false);
    assert.equal(wantsJson(new HeaderList([['Content-Type', 'multipart/form-data; boundary=x']])), false);
  });
});
