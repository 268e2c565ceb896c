import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ConnRecord, DnsRecord, FilesRecord, HttpRecord, RecordSink, SslRecord } from '../records.js';
import { connHeader, connLine, tempDir, writeLog } from '../test-support/logs.js';
import { expandPaths } from './paths.js';
import { readLogFile } from './read-file.js';

class Collect implements RecordSink {
  conns: ConnRecord[] = [];
  dnss: DnsRecord[] = [];
  https: Array<HttpRecord & { type: string }> = [];
  ssls: SslRecord[] = [];
  filess: FilesRecord[] = [];
  conn(r: ConnRecord): void {
    this.conns.push(r);
  }
  dns(r: DnsRecord): void {
    this.dnss.push(r);
  }
  http(r: HttpRecord, type: 'http' | 'proxy'): void {
    this.https.push({ ...r, type });
  }
  ssl(r: SslRecord): void {
    this.ssls.push(r);
  }
  files(r: FilesRecord): void {
    this.filess.push(r);
  }
}

describe('Zeek TSV reader', () => {
  it('reads a labelled conn log by its #path, ignores extra columns, maps unset to 0, counts damaged lines', async () => {
    const dir = tempDir();
    const text = [
      connHeader(['label', 'detailedlabel']),
      connLine(1000.5, '10.0.0.5', '203.0.113.9', 1177, 31, 0, { state: 'S0', extra: ['Malicious', 'CC'] }),
      connLine(1010.5, '10.0.0.5', '203.0.113.9', 1177, 0, 0, { duration: 3.5, extra: ['Malicious', 'CC'] }).replace('\t0\t0\tSF', '\t-\t-\tSF'),
      'garbage without tabs',
      connLine(1020, '10.0.0.5', '203.0.113.9', 80, 1, 2).slice(0, 40),
      'notanumber\tC\t10.0.0.5\t1\t1.2.3.4\t80\ttcp\t-\t-\t1\t1\tSF\tT\tF\t0\tS\t1\t1\t1\t1\t(empty)',
      '#close\t2026-11-01-00-00-00',
      '',
    ].join('\r\n');
    const sink = new Collect();
    const r = await readLogFile(writeLog(dir, 'conn.log.labeled', text), sink);
    assert.equal(r.format, 'zeek-tsv');
    assert.equal(r.logType, 'conn');
    assert.equal(r.records, 2);
    assert.equal(r.badLines, 3);
    assert.deepEqual(r.badLineNumbers, [10, 11, 12]);
    assert.deepEqual(sink.conns[0], { ts: 1000.5, src: '10.0.0.5', dst: '203.0.113.9', dport: 1177, proto: 'tcp', service: '', duration: 0, origBytes: 31, respBytes: 0, state: 'S0' });
    assert.equal(sink.conns[1]!.origBytes, 0);
    assert.equal(sink.conns[1]!.duration, 3.5);
  });

  it('reads dns vectors, decodes \\x escapes, skips other log types without calling them damaged', async () => {
    const dir = tempDir();
    const dns = [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tdns',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\trcode_name\tanswers',
      '1.0\tC1\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\ta\\x2eb.example.co.jp\tA\tNOERROR\t192.0.2.1,192.0.2.2',
      '2.0\tC2\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\tx.example.com\tTXT\tNXDOMAIN\t(empty)',
    ].join('\n');
    const weird = ['#separator \\x09', '#path\tweird', '#fields\tts\tname', '1.0\tbad_checksum', '2.0\tbad_checksum'].join('\n');
    const sink = new Collect();
    const r = await readLogFile(writeLog(dir, 'x.log', dns), sink);
    assert.equal(r.records, 2);
    assert.equal(sink.dnss[0]!.query, 'a.b.example.co.jp');
    assert.deepEqual(sink.dnss[0]!.answers, ['192.0.2.1', '192.0.2.2']);
    assert.deepEqual(sink.dnss[1]!.answers, []);
    const w = await readLogFile(writeLog(dir, 'weird.log', weird), sink);
    assert.equal(w.logType, 'weird');
    assert.equal(w.skippedLines, 2);
    assert.equal(w.badLines, 0);
  });

  it('reads gzip and old and new files.log layouts', async () => {
    const dir = tempDir();
    const oldFiles = ['#separator \\x09', '#set_separator\t,', '#path\tfiles', '#fields\tts\tfuid\ttx_hosts\trx_hosts\tseen_bytes\tmime_type\tfilename', '5.0\tF1\t10.0.0.5,10.0.0.6\t203.0.113.9\t1234\tapplication/pdf\ta.pdf'].join('\n');
    const newFiles = ['#separator \\x09', '#path\tfiles', '#fields\tts\tfuid\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tis_orig\tseen_bytes\tmime_type\tfilename', '6.0\tF2\tC1\t10.0.0.5\t1\t203.0.113.9\t443\tT\t99\ttext/plain\t-'].join('\n');
    const sink = new Collect();
    const a = await readLogFile(writeLog(dir, 'files.log.gz', oldFiles), sink);
    const b = await readLogFile(writeLog(dir, 'files2.log', newFiles), sink);
    assert.equal(a.records + b.records, 2);
    assert.deepEqual(sink.filess[0]!.tx, ['10.0.0.5', '10.0.0.6']);
    assert.deepEqual(sink.filess[1]!.tx, ['10.0.0.5']);
    assert.deepEqual(sink.filess[1]!.rx, ['203.0.113.9']);
    assert.equal(sink.filess[1]!.filename, '');
  });

  it('survives a truncated gzip and an over-long line', async () => {
    const dir = tempDir();
    const text = [connHeader(), ...Array.from({ length: 200 }, (_, i) => connLine(i, '10.0.0.5', '203.0.113.9', 443, 10, 10))].join('\n');
    const full = writeLog(dir, 'c.log.gz', text);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bytes = readFileSync(full);
    writeFileSync(join(dir, 'cut.gz'), bytes.subarray(0, bytes.length - 20));
    const sink = new Collect();
    const r = await readLogFile(join(dir, 'cut.gz'), sink);
    assert.ok(r.error, 'truncation reported');
    assert.ok(r.records > 0 && r.records <= 200);
    const long = await readLogFile(writeLog(dir, 'long.log', `${connHeader()}\n${'x'.repeat(3 << 20)}\n${connLine(1, '10.0.0.5', '203.0.113.9', 443, 1, 1)}\n`), sink);
    assert.equal(long.badLines, 1);
    assert.equal(long.records, 1);
  });
});

describe('Zeek JSON reader', () => {
  it('takes the type from _path or the fields, ts as epoch or ISO, and counts damaged lines', async () => {
    const dir = tempDir();
    const text = [
      '{"_path":"conn","ts":1517422326.5,"id.orig_h":"10.55.100.100","id.orig_p":1,"id.resp_h":"205.204.101.182","id.resp_p":80,"proto":"tcp","duration":1.5,"orig_bytes":719,"resp_bytes":336,"conn_state":"SF","_node_name":"x"}',
      '{"ts":"2018-01-31T18:12:06.539915Z","uid":"C","id.orig_h":"10.55.100.100","id.resp_h":"8.8.8.8","id.resp_p":53,"query":"a.example.com","qtype_name":"TXT","rcode_name":"NOERROR","answers":["x"]}',
      '{"ts":1,"id.orig_h":"10.0.0.1","id.resp_h":"1.2.3.4","id.resp_p":443,"server_name":"evil.example","cipher":"x","version":"TLSv13"}',
      '{"ts": 1, "id.orig_h": ',
      '[1,2]',
      '{"ts":"yesterday","id.orig_h":"10.0.0.1","id.resp_h":"1.2.3.4","conn_state":"SF"}',
    ].join('\n');
    const sink = new Collect();
    const r = await readLogFile(writeLog(dir, 'mixed.json', text), sink);
    assert.equal(r.format, 'zeek-json');
    assert.equal(r.records, 3);
    assert.equal(r.badLines, 3);
    assert.equal(sink.conns[0]!.origBytes, 719);
    // ISO times keep millisecond precision.
    assert.equal(sink.dnss[0]!.ts, Date.parse('2018-01-31T18:12:06.539Z') / 1000);
    assert.equal(sink.ssls[0]!.serverName, 'evil.example');
  });
});

describe('proxy access logs', () => {
  it('reads Squid native and common/combined lines', async () => {
    const dir = tempDir();
    const native = [
      '1286536308.779    180 10.0.0.5 TCP_MISS/200 411 GET http://Example.com:8080/path?q=1 - HIER_DIRECT/93.184.216.34 text/html',
      '1286536309.000     50 10.0.0.5 TCP_TUNNEL/200 5000 CONNECT evil.example:443 - HIER_DIRECT/203.0.113.9 -',
      'this line is not squid',
    ].join('\n');
    const clf = '10.0.0.7 - alice [10/Oct/2026:13:55:36 +0900] "POST http://upload.example/up HTTP/1.1" 200 2326 "-" "curl/8"\n';
    const sink = new Collect();
    const a = await readLogFile(writeLog(dir, 'access.log', native), sink);
    const b = await readLogFile(writeLog(dir, 'access2.log', clf), sink);
    assert.equal(a.format, 'squid');
    assert.equal(a.records, 2);
    assert.equal(a.badLines, 1);
    assert.equal(b.format, 'clf');
    assert.deepEqual(
      sink.https.map((h) => [h.type, h.src, h.host, h.dport, h.dst, h.method]),
      [
        ['proxy', '10.0.0.5', 'example.com', 8080, '93.184.216.34', 'GET'],
        ['proxy', '10.0.0.5', 'evil.example', 443, '203.0.113.9', 'CONNECT'],
        ['proxy', '10.0.0.7', 'upload.example', 80, '', 'POST'],
      ],
    );
    assert.equal(sink.https[2]!.ts, Date.UTC(2026, 9, 10, 4, 55, 36) / 1000);
  });
});

describe('hostile input', () => {
  it('survives binary noise after a valid header, deep JSON nesting and huge field counts', async () => {
    const dir = tempDir();
    const { randomBytes } = await import('node:crypto');
    const noise = randomBytes(200_000).toString('latin1');
    const sink = new Collect();
    const a = await readLogFile(writeLog(dir, 'noise.log', `${connHeader()}\n${noise}\n${connLine(5, '10.0.0.5', '203.0.113.9', 443, 1, 1)}\n`), sink);
    assert.ok(a.badLines > 0);
    assert.equal(sink.conns.at(-1)?.ts, 5);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const b = await readLogFile(writeLog(dir, 'deep.json', `{"_path":"conn","x":${deep}}\n${'{"a":1,'.repeat(50_000)}"z":1}\n`), sink);
    assert.equal(b.records, 0);
    assert.equal(b.badLines, 2);
    const wide = await readLogFile(writeLog(dir, 'wide.log', `${connHeader()}\n${'\t'.repeat(500_000)}\n`), sink);
    assert.equal(wide.badLines, 1);
  });
});

describe('unrecognised files', () => {
  it('reports a file that is no log once, without reading it to the end', async () => {
    const dir = tempDir();
    const sink = new Collect();
    const r = await readLogFile(writeLog(dir, 'README.md', `# title\n\n${'prose line\n'.repeat(100000)}`), sink);
    assert.equal(r.format, null);
    assert.equal(r.records, 0);
    assert.equal(r.badLines, 0);
    assert.match(r.error ?? '', /not a log format/);
    assert.ok(r.bytes < 1_100_000 * 2, 'stopped early');
  });
});

describe('expandPaths', () => {
  it('walks directories of rotated logs in order, skipping hidden files', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '2026-11-01'));
    writeLog(join(dir, '2026-11-01'), 'conn.01:00:00-02:00:00.log.gz', 'x');
    writeLog(join(dir, '2026-11-01'), 'conn.00:00:00-01:00:00.log.gz', 'x');
    writeLog(dir, '.hidden', 'x');
    const files = await expandPaths([dir]);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['2026-11-01/conn.00:00:00-01:00:00.log.gz', '2026-11-01/conn.01:00:00-02:00:00.log.gz']);
    await assert.rejects(expandPaths([join(dir, 'missing')]), /ERR_INPUT|cannot read/);
  });
});
