import type { Command } from 'commander';
import { pino, type DestinationStream, type Logger } from 'pino';
import { createContext } from '../context.js';
import { startBackgroundResponse } from '../background.js';
import { startIcapService, withMetricsListen } from '../icap-service.js';
import { startBusService } from '../bus-service.js';
import { parseFormat } from '../output.js';

interface IcapOptions {
  listen?: string;
  format?: string;
  metrics?: string;
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

/** Logs are written in batches of at least this many bytes, or after LOG_FLUSH_MS: one write per decision cost ~5 % of the event loop. */
const LOG_BATCH_BYTES = 8192;
const LOG_FLUSH_MS = 500;

function makeLogger(format: 'json' | 'text'): Logger {
  const level = process.env.MAMORI_LOG_LEVEL ?? 'info';
  if (format === 'text') return pino({ level }, textDestination());
  const destination = pino.destination({ dest: 1, minLength: LOG_BATCH_BYTES, sync: false });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return pino({ level, base: { service: 'mamori-icap' } }, destination);
}

/** `mamori icap`: the ICAP server the organisation's proxy asks about every upload. */
export function registerIcap(program: Command): void {
  program
    .command('icap')
    .description('run the ICAP (RFC 3507) server: REQMOD at icap://HOST:PORT/reqmod; decisions are recorded as events')
    .option('--listen <host:port>', 'address to listen on (default: icap.listen from the config, 127.0.0.1:1344)')
    .option('--format <format>', 'log format: json|text', 'json')
    .option('--metrics <host:port>', 'serve Prometheus metrics at http://HOST:PORT/metrics (default: icap.metricsListen from the config, none)')
    .action(async (opts: IcapOptions) => {
      const format = parseFormat(opts.format, ['json', 'text'] as const, 'json');
      const ctx = withMetricsListen(createContext(program.opts()), opts.metrics);
      const logger = makeLogger(format);
      const store = await ctx.openStore();
      let icap;
      try {
        icap = await startIcapService(ctx, store, opts.listen ?? ctx.config.icap.listen, logger);
      } catch (e) {
        await store.close();
        throw e;
      }
      let bus;
      try {
        // Forwards committed events to the centre when bus.forward is on; reads the store, never the answer path.
        bus = await startBusService(ctx, store, logger, { consume: false });
      } catch (e) {
        await icap.close();
        await store.close();
        throw e;
      }
      logger.info({ host: icap.host, port: icap.port, store: store.dialect }, `listening on icap://${icap.host}:${icap.port}/reqmod`);
      const stopBackground = startBackgroundResponse(ctx, store, logger);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          logger.info({ signal, inFlight: icap.inFlight() }, 'shutting down: finishing in-flight transactions');
          stopBackground();
          void icap
            .close()
            .then(() => bus?.close())
            .then(() => store.close())
            .then(() => {
              logger.info('stopped');
              logger.flush();
              resolve();
            });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
