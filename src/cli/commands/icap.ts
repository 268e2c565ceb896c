import type { Command } from 'commander';
import { pino, type DestinationStream, type Logger } from 'pino';
import { MamoriError } from '../../core/index.js';
import { createIcapServer, createInspectPool, createWorkerRecorder } from '../../icap/index.js';
import { createContext } from '../context.js';
import { buildInspector } from '../inspector.js';
import { parseFormat } from '../output.js';

interface IcapOptions {
  listen?: string;
  format?: string;
}

/** `host:port`, `[v6]:port` or a bare port. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new MamoriError('ERR_USAGE', `--listen must be host:port, not "${value}"`);
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

/** One readable line per log record, for people watching a terminal. */
function textDestination(): DestinationStream {
  return {
    write(line: string) {
      const { time, level, msg, pid: _p, hostname: _h, ...rest } = JSON.parse(line) as Record<string, unknown>;
      const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const name = ({ 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<string, string>)[String(level)] ?? level;
      process.stdout.write(`${new Date(Number(time)).toISOString()} ${String(name)} ${String(msg)} ${fields.join(' ')}\n`);
    },
  };
}

function makeLogger(format: 'json' | 'text'): Logger {
  const level = process.env.MAMORI_LOG_LEVEL ?? 'info';
  return format === 'json' ? pino({ level, base: { service: 'mamori-icap' } }) : pino({ level }, textDestination());
}

/** `mamori icap`: the ICAP server the organisation's proxy asks about every upload. */
export function registerIcap(program: Command): void {
  program
    .command('icap')
    .description('run the ICAP (RFC 3507) server: REQMOD at icap://HOST:PORT/reqmod; decisions are recorded as events')
    .option('--listen <host:port>', 'address to listen on (default: icap.listen from the config, 127.0.0.1:1344)')
    .option('--format <format>', 'log format: json|text', 'json')
    .action(async (opts: IcapOptions) => {
      const format = parseFormat(opts.format, ['json', 'text'] as const, 'json');
      const ctx = createContext(program.opts());
      const { host, port } = parseListen(opts.listen ?? ctx.config.icap.listen);
      const logger = makeLogger(format);
      const store = await ctx.openStore();
      // SQLite commits (fsync) on a worker thread keep the event loop serving; PostgreSQL is asynchronous anyway.
      const recorder = ctx.storeConfig.kind === 'sqlite' ? await createWorkerRecorder(ctx.storeConfig) : undefined;
      const icap = ctx.config.icap;
      const pool = icap.workers > 0 ? await createInspectPool({ size: icap.workers, config: ctx.config, store: ctx.storeConfig, timeoutMs: icap.inspectTimeoutMs }) : undefined;
      const inspector = pool ?? (await buildInspector(ctx, store.db));
      const server = createIcapServer({ config: ctx.config, taxonomy: ctx.taxonomy, db: store.db, inspector, logger, ...(recorder ? { recorder } : {}) });
      try {
        const bound = await server.listen(host, port);
        logger.info({ host: bound.host, port: bound.port, store: store.dialect }, `listening on icap://${bound.host}:${bound.port}/reqmod`);
      } catch (e) {
        await store.close();
        throw new MamoriError('ERR_USAGE', `cannot listen on ${host}:${port}: ${(e as Error).message}`, { cause: e });
      }
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          logger.info({ signal, inFlight: server.connections }, 'shutting down: finishing in-flight transactions');
          void server
            .close()
            .then(() => recorder?.close())
            .then(() => pool?.close())
            .then(() => store.close())
            .then(() => {
              logger.info('stopped');
              resolve();
            });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
