import { once } from 'node:events';
import type { Command } from 'commander';
import { MamoriError } from '../../core/index.js';
import { createDetectorSet } from '../../detect/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { parseFormat } from '../output.js';
import { readLines } from './detect-lines.js';

const MAX_LINE_MIB = 64;

/** Parses one input line; a string says why it is not a `{"id", "text"}` object. */
function parseLine(bytes: Buffer): { id: unknown; text: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (id === undefined) return 'missing "id"';
  if (typeof text !== 'string') return '"text" must be a string';
  return { id, text };
}

/**
 * `mamori detect [--format jsonl]`: JSON Lines `{"id", "text"}` on stdin → `{"id", "entities": [{detector,
 * start, end, confidence}]}` on stdout, offsets as JavaScript string indices. Streams with constant memory;
 * a bad line gets one error line on stderr and the rest goes on; the exit status is 2 if any line was bad.
 *
 * @example
 * echo '{"id":1,"text":"call 03-1234-5678"}' | mamori detect
 */
export const registerDetect = (program: Command): void => {
  program
    .command('detect')
    .description('run the data identifiers over JSON Lines {"id","text"} on stdin; one {"id","entities"} line out per line in')
    .option('--format <format>', 'jsonl', 'jsonl')
    .option('--max-line-mib <n>', `longest input line accepted, MiB (default ${MAX_LINE_MIB})`)
    .action(async (opts: { format?: string; maxLineMib?: string }, cmd: Command) => {
      parseFormat(opts.format, ['jsonl'] as const, 'jsonl');
      const maxMib = opts.maxLineMib === undefined ? MAX_LINE_MIB : Number(opts.maxLineMib);
      if (!Number.isFinite(maxMib) || maxMib <= 0) throw new MamoriError('ERR_USAGE', '--max-line-mib must be a positive number');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const set = createDetectorSet(ctx.config.detect);
      let lineNo = 0;
      let bad = 0;
      // A reader that stops early (`| head`) ends the run quietly.
      let closed = false;
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        closed = true;
      });
      for await (const line of readLines(process.stdin, Math.floor(maxMib * 1024 * 1024))) {
        if (closed) break;
        lineNo++;
        if (!line.tooLong && line.bytes.length === 0) continue;
        const parsed = line.tooLong ? `longer than ${maxMib} MiB` : parseLine(line.bytes);
        if (typeof parsed === 'string') {
          bad++;
          process.stderr.write(`mamori: ERR_INPUT: line ${lineNo}: ${parsed}\n`);
          continue;
        }
        const entities = set.detect(parsed.text).map((e) => ({ detector: e.detector, start: e.start, end: e.end, confidence: e.confidence }));
        if (!process.stdout.write(`${JSON.stringify({ id: parsed.id, entities })}\n`)) await once(process.stdout, 'drain');
      }
      if (bad > 0) {
        process.stderr.write(`mamori: ERR_INPUT: ${bad} of ${lineNo} line(s) rejected\n`);
        process.exitCode = EXIT.usage;
      }
    });
};
