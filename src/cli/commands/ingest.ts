import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { MamoriError } from '../../core/index.js';
import { ingestLogs, type IngestReport } from '../../netlog/index.js';
import { createContext } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';
import type { RegisterCommand } from './index.js';

function summary(r: IngestReport): object {
  return {
    records: r.records,
    badLines: r.badLines,
    skippedLines: r.skippedLines,
    seconds: Math.round(r.seconds * 1000) / 1000,
    recordsPerSecond: Math.round(r.records / Math.max(r.readSeconds, 1e-9)),
    perType: r.perType,
    directions: r.directions,
    findings: r.findings,
    files: r.files.map((f) => ({ path: f.path, format: f.format, logType: f.logType, records: f.records, badLines: f.badLines, badLineNumbers: f.badLineNumbers, skippedLines: f.skippedLines, error: f.error })),
  };
}

/** `mamori ingest <path...>`: read Zeek and proxy logs, update pair summaries and findings. */
export const registerIngest: RegisterCommand = (program: Command) => {
  program
    .command('ingest')
    .description('read Zeek (TSV/JSON, gzip, rotated directories) and Squid logs; update summaries and findings incrementally')
    .argument('<path...>', 'log files or directories')
    .option('--internal <cidrs>', 'internal networks, comma-separated (overrides netlog.internal)')
    .option('--format <format>', 'table|json', 'table')
    .action(async (paths: string[], opts: { internal?: string; format?: string }) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const ctx = createContext(program.opts());
      const internal = opts.internal !== undefined ? opts.internal.split(',').map((s) => s.trim()).filter(Boolean) : ctx.config.netlog.internal;
      if (internal.length === 0) throw new MamoriError('ERR_USAGE', '--internal needs at least one network');
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {percentage}% {value}/{total} MiB', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
      const store = await ctx.openStore();
      try {
        let started = false;
        const report = await ingestLogs(store.db, {
          org: ctx.config.org,
          paths,
          internal,
          onProgress: bar
            ? (done, total) => {
                if (!started) {
                  bar.start(Math.max(1, Math.round(total / 1048576)), 0);
                  started = true;
                }
                bar.update(Math.round(done / 1048576));
              }
            : undefined,
        });
        bar?.stop();
        if (format === 'json') return writeJson(summary(report));
        const rows = Object.entries(report.perType).map(([type, t]) => ({ type, ...t }));
        process.stdout.write(
          renderTable(rows, [
            { header: 'LOG', value: (r) => r.type },
            { header: 'FILES', value: (r) => r.files, align: 'right' },
            { header: 'RECORDS', value: (r) => r.records, align: 'right' },
            { header: 'BAD LINES', value: (r) => r.badLines, align: 'right' },
            { header: 'SKIPPED (NOT ANALYSED)', value: (r) => r.skippedLines, align: 'right' },
          ]),
        );
        for (const f of report.files) {
          if (f.badLines > 0) process.stdout.write(`${f.path}: ${f.badLines} damaged line(s), first at line ${f.badLineNumbers.join(', ')}\n`);
          if (f.error) process.stdout.write(`${f.path}: ${f.format === null ? '' : 'stopped early: '}${f.error}\n`);
        }
        process.stdout.write(
          `${report.records} records, ${report.badLines} bad lines, ${report.skippedLines} lines of other log types skipped in ${report.seconds.toFixed(2)} s ` +
            `(read ${report.readSeconds.toFixed(2)} s, analysis ${report.analyseSeconds.toFixed(2)} s); ${report.findings} findings\n`,
        );
      } finally {
        bar?.stop();
        await store.close();
      }
    });
};
