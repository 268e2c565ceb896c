import type { Command } from 'commander';
import { MamoriError, type Action, type MamoriEvent } from '../../core/index.js';
import { listEvents } from '../../store/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

interface EventsOptions {
  since?: string;
  action?: string;
  client?: string;
  limit?: string;
  format?: string;
}

const ACTIONS: readonly Action[] = ['allow', 'alert', 'block'];

/** `--since` as an ISO time, or relative: `30m`, `12h`, `7d`. */
export function parseSince(value: string, now = Date.now()): string {
  const rel = /^(\d+)([smhd])$/.exec(value);
  if (rel) return new Date(now - Number(rel[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[rel[2] as 's' | 'm' | 'h' | 'd']).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new MamoriError('ERR_USAGE', `--since must be an ISO time or a duration like 30m, 12h, 7d, not "${value}"`);
  return new Date(t).toISOString();
}

/** Findings in one cell: `jp.my_number×4, marking.c2×1`. */
function summary(e: MamoriEvent): string {
  return e.findings.map((f) => `${f.detector}×${f.count}`).join(', ');
}

/** `mamori events`: recorded decisions, newest first. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list recorded decisions (ICAP uploads, inspections), newest first')
    .option('--since <time>', 'only events at or after this time (ISO 8601, or 30m, 12h, 7d)')
    .option('--action <action>', 'allow|alert|block')
    .option('--client <ip>', 'only events from this client address')
    .option('--limit <n>', 'at most this many events', '1000')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (opts: EventsOptions) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      if (opts.action !== undefined && !ACTIONS.includes(opts.action as Action)) throw new MamoriError('ERR_USAGE', `--action must be one of ${ACTIONS.join('|')}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit <= 0) throw new MamoriError('ERR_USAGE', '--limit must be a positive integer');
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const events = await listEvents(store.db, {
          ...(opts.since !== undefined ? { since: parseSince(opts.since) } : {}),
          ...(opts.action !== undefined ? { action: opts.action as Action } : {}),
          ...(opts.client !== undefined ? { clientIp: opts.client } : {}),
          limit,
        });
        if (format !== 'table') {
          writeJson(events, format);
          return;
        }
        process.stdout.write(
          renderTable(events, [
            { header: 'TIME', value: (e) => e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z') },
            { header: 'ACTION', value: (e) => (e.monitored ? `${e.action}*` : e.action) },
            { header: 'RULE', value: (e) => e.rule, max: 24 },
            { header: 'CLIENT', value: (e) => e.clientIp ?? '-' },
            { header: 'USER', value: (e) => e.user ?? '-', max: 20 },
            { header: 'LABEL', value: (e) => (e.unscannable ? `${e.label}!` : e.label) },
            { header: 'BYTES', value: (e) => e.bytes, align: 'right' },
            { header: 'DEST', value: (e) => e.destHost ?? '-', max: 30 },
            { header: 'MATCHES', value: (e) => e.matches.map((m) => m.path).join(', ') || '-', max: 30 },
            { header: 'FINDINGS', value: (e) => summary(e) || '-', max: 40 },
            { header: 'URL', value: (e) => e.url ?? '-', max: 50 },
          ]),
        );
      } finally {
        await store.close();
      }
    });
}
