import type { Command } from 'commander';
import { MamoriError, type NetFindingKind } from '../../core/index.js';
import { FINDING_KINDS, hunt } from '../../netlog/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';
import type { RegisterCommand } from './index.js';

/** `mamori hunt`: list network findings, highest score first, filtered by today's allow-list. */
export const registerHunt: RegisterCommand = (program: Command) => {
  program
    .command('hunt')
    .description('list network findings (beacons, DNS tunnels, exfiltration volume, long connections, rare destinations, strobes)')
    .option('--min-score <n>', 'only findings scoring at least n (0..1)')
    .option('--kind <kind>', FINDING_KINDS.join('|'))
    .option('--internal <cidrs>', 'internal networks, comma-separated (default: those of the latest ingest)')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .action(async (opts: { minScore?: string; kind?: string; internal?: string; format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const minScore = opts.minScore === undefined ? undefined : Number(opts.minScore);
      if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new MamoriError('ERR_USAGE', `--min-score must be a number 0..1, not "${opts.minScore}"`);
      if (opts.kind !== undefined && !(FINDING_KINDS as readonly string[]).includes(opts.kind)) throw new MamoriError('ERR_USAGE', `--kind must be one of ${FINDING_KINDS.join('|')}`);
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const findings = await hunt(store.db, {
          org: ctx.config.org,
          minScore,
          kind: opts.kind as NetFindingKind | undefined,
          allow: ctx.config.netlog.allow,
          internal: opts.internal?.split(',').map((s) => s.trim()).filter(Boolean),
        });
        if (format !== 'table') return writeJson(findings, format);
        process.stdout.write(
          renderTable(findings, [
            { header: 'SCORE', value: (f) => f.score.toFixed(2), align: 'right' },
            { header: 'SEVERITY', value: (f) => f.severity },
            { header: 'KIND', value: (f) => f.kind },
            { header: 'SRC', value: (f) => f.src },
            { header: 'DST', value: (f) => f.dst, max: 40 },
            { header: 'HOST', value: (f) => f.dstHost ?? '', max: 40 },
            { header: 'PORT', value: (f) => f.port ?? '', align: 'right' },
            { header: 'CONNS', value: (f) => f.connections, align: 'right' },
            { header: 'REASON', value: (f) => f.reasons[0] ?? '', max: 80 },
          ]),
        );
      } finally {
        await store.close();
      }
    });
};
