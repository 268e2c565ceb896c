import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const detect = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'detect', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '' } });

describe('mamori detect', () => {
  it('answers each JSON line with its entities, offsets as JS string indices', () => {
    const text = '😀 個人番号 1234 5678 9018, card 4111 1111 1111 1111';
    const r = detect(`${JSON.stringify({ id: 'a', text })}\n${JSON.stringify({ id: 2, text: 'nothing here' })}\n`);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; entities: { detector: string; start: number; end: number; confidence: number }[] });
    assert.equal(lines.length, 2);
    assert.equal(lines[0]!.id, 'a');
    assert.deepEqual(lines[0]!.entities.map((e) => [e.detector, text.slice(e.start, e.end)]), [['jp.my_number', '1234 5678 9018'], ['credit_card', '4111 1111 1111 1111']]);
    assert.deepEqual(Object.keys(lines[0]!.entities[0]!), ['detector', 'start', 'end', 'confidence']);
    assert.deepEqual(lines[1], { id: 2, entities: [] });
  });

  it('reports bad lines on stderr, goes on, and exits 2', () => {
    const r = detect(['not json', '{"id":1}', '[1]', '{"id":3,"text":"a@example.com"}', ''].join('\n'));
    assert.equal(r.status, 2);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [3]);
    const errors = r.stderr.trim().split('\n');
    assert.match(errors[0]!, /^mamori: ERR_INPUT: line 1: not JSON/);
    assert.match(errors[1]!, /^mamori: ERR_INPUT: line 2: "text" must be a string$/);
    assert.match(errors[2]!, /^mamori: ERR_INPUT: line 3: not a JSON object$/);
    assert.match(errors[3]!, /^mamori: ERR_INPUT: 3 of 4 line\(s\) rejected$/);
  });

  it('drops a line over the size limit without buffering it, then continues', () => {
    const big = JSON.stringify({ id: 'big', text: 'x'.repeat(2 * 1024 * 1024) });
    const r = detect(`${big}\n{"id":"after","text":"call +1-984-182-0190"}\n`, '--max-line-mib', '1');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /line 1: longer than 1 MiB/);
    assert.deepEqual((JSON.parse(r.stdout.trim()) as { id: string; entities: unknown[] }).id, 'after');
  });

  it('rejects an unknown format', () => {
    const r = detect('', '--format', 'table');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ERR_USAGE: --format must be one of jsonl/);
  });
});
