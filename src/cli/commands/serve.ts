import type { Command } from 'commander';
import { bootstrap, createLogger, createServerDeps, startHttp } from '../../server/index.js';
import { createContext } from '../context.js';

/** Something serve started and must stop on shutdown, in reverse order. */
interface Running {
  readonly name: string;
  close(): Promise<void>;
}

/**
 * Starts the ICAP server next to the console. src/icap has no server yet; when it lands, start it
 * here on `icapListen` with the same store and push it onto the list so shutdown drains it first.
 */
function startIcapAlongside(): Running[] {
  return [];
}

/** `mamori serve`: the console and REST API (and, once available, the ICAP server) on one store. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web console and REST API on the store (SQLite under the data dir, or PostgreSQL per config)')
    .option('--listen <host:port>', 'address of the console and API (default: server.listen from the config, 127.0.0.1:8080)')
    .action(async (opts: { listen?: string }) => {
      const ctx = createContext(program.opts());
      const logger = createLogger();
      const store = await ctx.openStore();
      const boot = await bootstrap(store, { homeOrg: ctx.config.org, adminPassword: process.env.MAMORI_ADMIN_PASSWORD || undefined });
      if (boot.admin?.password) {
        // Shown once, on the terminal only: it is never logged or stored in clear.
        process.stdout.write(`mamori: created account "admin" in organisation "${ctx.config.org}" with one-time password:\n  ${boot.admin.password}\nSign in and change it (mamori user reset-password admin).\n`);
      } else if (boot.admin) {
        logger.info({ user: 'admin', org: ctx.config.org }, 'created admin account with MAMORI_ADMIN_PASSWORD');
      }
      let ready = false;
      const deps = createServerDeps({ store, config: ctx.config, taxonomy: ctx.taxonomy, logger, ready: () => Promise.resolve(ready) });
      const running: Running[] = [];
      const http = await startHttp(deps, opts.listen ?? ctx.config.server.listen);
      running.push({ name: 'http', close: () => http.close() });
      running.push(...startIcapAlongside());
      ready = true;
      logger.info({ url: http.url, store: ctx.storeConfig.kind }, 'console and API listening');
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          ready = false;
          logger.info({ signal }, 'shutting down: finishing in-flight requests');
          const timer = setTimeout(() => {
            logger.warn('shutdown took over 20 s; exiting');
            process.exit(1);
          }, 20_000);
          timer.unref();
          void (async () => {
            for (const r of running.reverse()) await r.close().catch((e: unknown) => logger.error({ err: String(e), part: r.name }, 'close failed'));
            await store.close();
            logger.info('stopped');
            resolve();
          })();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
