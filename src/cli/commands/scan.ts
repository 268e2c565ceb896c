import { readFile } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import type { Command } from 'commander';
import type { Inspection } from '../../core/index.js';
import { getInventoryEntry, upsertInventory, type InventoryEntry } from '../../store/index.js';
import { createContext } from '../context.js';
import { buildInspector } from '../inspector.js';
import { parseFormat, renderTable, writeJson } from '../output.js';
import { startProgress } from '../progress.js';
import { walkFiles, type WalkedFile, type WalkSkip } from '../walk.js';

/** One line of `mamori scan` output. */
export interface ScanResult {
  readonly path: string;
  readonly size: number;
  readonly label: string;
  readonly unscannable: boolean;
  readonly detectors: { detector: string; count: number }[];
  readonly matches: { docId: string; path: string; label: string; coverage: number }[];
  readonly errors: string[];
  /** True when the file was unchanged since the last scan and its stored result was reused. */
  readonly cached: boolean;
}

/** `mamori scan <path...>`: classify every file under the paths and keep the data inventory. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('scan files and directories, classify every file and store the data inventory')
    .argument('<paths...>', 'files or directories')
    .option('--format <format>', 'table|json|jsonl', 'table')
    .option('--rescan', 're-read files even when size and modification time are unchanged')
    .action(async (paths: string[], opts: { format?: string; rescan?: boolean }) => {
      const format = parseFormat(opts.format, ['table', 'json', 'jsonl'] as const, 'table');
      const ctx = createContext(program.opts());
      const store = await ctx.openStore();
      try {
        const skips: WalkSkip[] = [];
        const files: WalkedFile[] = [];
        for await (const f of walkFiles(paths, (s) => skips.push(s))) files.push(f);
        const { inspector, scannerKey } = await buildInspector(ctx, store.db);
        const progress = startProgress(files.length, 'scan');
        const results: ScanResult[] = [];
        for (const f of files) {
          const previous = opts.rescan ? undefined : await getInventoryEntry(store.db, ctx.config.org, ctx.host, f.path);
          let entry: InventoryEntry;
          if (previous && previous.size === f.size && previous.mtimeMs === f.mtimeMs && previous.scanner === scannerKey) {
            entry = previous;
          } else {
            entry = await scanFile(f, ctx.config.extract.maxInputBytes, (bytes) => inspector.inspect(bytes, { channel: 'scan', fileName: basename(f.path), org: ctx.config.org }), ctx.config.org, ctx.host, scannerKey);
            await upsertInventory(store.db, [entry]);
          }
          const result = toResult(entry, entry === previous);
          results.push(result);
          if (format === 'jsonl') writeJson([result], 'jsonl');
          progress.tick(f.path);
        }
        progress.stop();
        const summary = summarise(results, skips);
        if (format === 'json') writeJson({ files: results, summary });
        else if (format === 'jsonl') writeJson([{ summary }], 'jsonl');
        else process.stdout.write(renderScan(results, summary));
      } finally {
        await store.close();
      }
    });
}

async function scanFile(f: WalkedFile, maxBytes: number, inspect: (b: Uint8Array) => Promise<Inspection>, org: string, host: string, scanner: string): Promise<InventoryEntry> {
  const base = { org, host, path: f.path, size: f.size, mtimeMs: f.mtimeMs, scannedAt: new Date().toISOString(), findings: [], matches: [], scanner };
  if (f.size > maxBytes) {
    return { ...base, sha256: '', label: 'c1', unscannable: true, errors: [{ path: f.path, code: 'ERR_LIMIT', message: `file is ${f.size} bytes, over the ${maxBytes}-byte limit` }] };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(f.path);
  } catch (e) {
    return { ...base, sha256: '', label: 'c1', unscannable: true, errors: [{ path: f.path, code: 'ERR_INPUT', message: (e as NodeJS.ErrnoException).code ?? (e as Error).message }] };
  }
  const r = await inspect(bytes);
  return {
    ...base,
    sha256: r.sha256,
    label: r.label,
    unscannable: r.unscannable,
    findings: r.findings.map((x) => ({ detector: x.detector, count: x.count, samples: x.samples })),
    matches: r.matches.map((m) => ({ docId: m.docId, path: m.path, label: m.label, coverage: m.coverage })),
    errors: r.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
  };
}

function toResult(e: InventoryEntry, cached: boolean): ScanResult {
  return {
    path: e.path,
    size: e.size,
    label: e.label,
    unscannable: e.unscannable,
    detectors: e.findings.map((x) => ({ detector: x.detector, count: x.count })),
    matches: e.matches,
    errors: e.errors.map((x) => `${x.path}: ${x.code}: ${x.message}`),
    cached,
  };
}

interface ScanSummary {
  files: number;
  bytes: number;
  byLabel: Record<string, number>;
  unscannable: number;
  cached: number;
  skipped: WalkSkip[];
}

function summarise(results: readonly ScanResult[], skipped: WalkSkip[]): ScanSummary {
  const byLabel: Record<string, number> = {};
  for (const r of results) byLabel[r.label] = (byLabel[r.label] ?? 0) + 1;
  return {
    files: results.length,
    bytes: results.reduce((n, r) => n + r.size, 0),
    byLabel,
    unscannable: results.filter((r) => r.unscannable).length,
    cached: results.filter((r) => r.cached).length,
    skipped,
  };
}

function renderScan(results: readonly ScanResult[], s: ScanSummary): string {
  let out = renderTable(results, [
    { header: 'LABEL', value: (r) => (r.unscannable ? `${r.label}!` : r.label) },
    { header: 'SIZE', value: (r) => r.size, align: 'right' },
    { header: 'PATH', value: (r) => shortPath(r.path), max: 70 },
    { header: 'EVIDENCE', value: (r) => [...r.detectors.map((d) => `${d.detector}×${d.count}`), ...r.matches.map((m) => `doc:${basename(m.path)}`)].join(' '), max: 70 },
  ]);
  for (const r of results) for (const e of r.errors) out += `error  ${e}\n`;
  for (const k of s.skipped) out += `skipped  ${k.path}: ${k.reason}\n`;
  const labels = Object.entries(s.byLabel).sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l}: ${n}`).join(', ');
  out += `\n${s.files} files, ${s.bytes} bytes — ${labels || 'none'}; ${s.unscannable} unscannable (!), ${s.cached} unchanged since the last scan\n`;
  return out;
}

/** Paths under the working directory are shown relative to it; JSON output keeps them absolute. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
