import type { LogFormat, LogType, RecordSink } from '../records.js';
import { forEachLine } from './lines.js';
import { parseCommonLog, parseSquidNative } from './squid.js';
import { applyHeaderLine, defaultZeekHeader } from './zeek-header.js';
import { parseJsonLine } from './zeek-json.js';
import { tsvParser, type LineParser } from './zeek-tsv.js';

/** What reading one file gave. */
export interface FileReport {
  readonly path: string;
  format: LogFormat | null;
  /** Zeek `#path` (or `proxy`); a type mamori does not analyse (weird, notice…) is kept here and its lines skipped. */
  logType: string;
  records: number;
  badLines: number;
  /** Lines of log types mamori does not analyse. */
  skippedLines: number;
  /** First damaged line numbers, for the report (at most 5). */
  badLineNumbers: number[];
  error: string | null;
  bytes: number;
}

/** Hooks for progress and for flushing the aggregate between chunks. */
export interface ReadOptions {
  readonly onBytes?: (n: number) => void;
  readonly afterChunk?: () => Promise<void>;
}

/** Lines tried before a file is declared not a log. */
const SNIFF_LINES = 5;

const ZEEK_HEADER = /^#(separator|set_separator|empty_field|unset_field|path|open|fields|types)[\s]/;
const SQUID_NATIVE = /^\d{9,10}(\.\d+)?\s+-?\d+\s+\S+\s+[A-Z_]+\/\d{3}\s/;
const COMMON = /^\S+ \S+ \S+ \[\d{2}\/\w{3}\/\d{4}:/;

function sniff(line: string): LogFormat | null {
  if (ZEEK_HEADER.test(line)) return 'zeek-tsv';
  if (line.startsWith('{')) return 'zeek-json';
  if (SQUID_NATIVE.test(line)) return 'squid';
  if (COMMON.test(line)) return 'clf';
  return null;
}

/**
 * Reads one log file of any supported format into `sink`, detecting format and log type from its content.
 * Damaged lines are counted, never fatal; a file whose format is unknown is reported with its first line counted bad.
 *
 * @example
 * const report = await readLogFile('data/conn.log.labeled', sink);
 */
export async function readLogFile(path: string, sink: RecordSink, opts: ReadOptions = {}): Promise<FileReport> {
  const onBytes = opts.onBytes;
  const r: FileReport = { path, format: null, logType: '', records: 0, badLines: 0, skippedLines: 0, badLineNumbers: [], error: null, bytes: 0 };
  const header = defaultZeekHeader();
  let parser: LineParser | null = null;
  let lineNo = 0;
  let jsonTypes = new Set<LogType>();
  const bad = (): void => {
    r.badLines++;
    if (r.badLineNumbers.length < 5) r.badLineNumbers.push(lineNo);
  };
  const stats = await forEachLine(
    path,
    (line) => {
      lineNo++;
      if (line === '') return;
      if (r.format === null) {
        r.format = sniff(line);
        // A file that is no log at all (a README beside the logs) is reported once, not read to its end.
        if (r.format === null) {
          bad();
          return lineNo < SNIFF_LINES;
        }
        if (r.format === 'squid' || r.format === 'clf') r.logType = 'proxy';
      }
      switch (r.format) {
        case 'zeek-tsv':
          if (line.charCodeAt(0) === 35 /* # */) {
            if (applyHeaderLine(header, line) || line.startsWith('#path')) {
              parser = header.fields.length > 0 ? tsvParser(header, sink) : null;
              r.logType = header.path;
            }
            return;
          }
          if (header.fields.length === 0) return bad();
          if (parser === null) {
            r.skippedLines++;
            return;
          }
          if (parser(line)) r.records++;
          else bad();
          return;
        case 'zeek-json': {
          const t = parseJsonLine(line, sink, '');
          if (t === 'bad') return bad();
          if (t === null) {
            r.skippedLines++;
            return;
          }
          r.records++;
          if (!jsonTypes.has(t)) {
            jsonTypes = new Set([...jsonTypes, t]);
            r.logType = [...jsonTypes].join('+');
          }
          return;
        }
        case 'squid':
        case 'clf': {
          const rec = r.format === 'squid' ? parseSquidNative(line) : parseCommonLog(line);
          if (rec === null) return bad();
          sink.http(rec, 'proxy');
          r.records++;
          return;
        }
      }
    },
    (n) => {
      r.bytes += n;
      onBytes?.(n);
    },
    opts.afterChunk,
  );
  r.badLines += stats.oversized;
  r.error = stats.error;
  if (r.format === null && lineNo > 0) {
    // Not a log: say so once instead of calling its lines damaged log lines.
    r.badLines = 0;
    r.badLineNumbers = [];
    r.error = 'not a log format mamori reads (Zeek TSV/JSON, Squid native, common/combined)';
  }
  return r;
}
