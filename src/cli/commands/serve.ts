import type { Command } from 'commander';
import type { Logger } from 'pino';
import { MamoriError } from '../../core/index.js';
import { bootstrap, createLogger, createServerDeps, parsePolicyYaml, startHttp } from '../../server/index.js';
import { getPolicyVersion, type Store } from '../../store/index.js';
import { createContext, type CliContext } from '../context.js';
import { startBackgroundResponse } from '../background.js';
import { startIcapService, withMetricsListen } from '../icap-service.js';
import { startBusService } from '../bus-service.js';

/** Something serve started and must stop on shutdown, in reverse order. */
interface Running {
  readonly name: string;
  close(): Promise<void>;
}

/**
 * Starts the ICAP server next to the console on the same store. The home organisation's policy as last
 * saved in the console (if any) is the one enforced, and a version saved later applies within
 * `icap.registryRefreshMs` (on the event loop and every inspection worker), without a restart.
 */
async function startIcapAlongside(ctx: CliContext, store: Store, listen: string, logger: Logger): Promise<Running> {
  const saved = await getPolicyVersion(store.db, ctx.config.org);
  const config = saved ? Object.freeze({ ...ctx.config, policy: parsePolicyYaml(saved.yaml) }) : ctx.config;
  const follow = {
    version: saved?.version ?? 0,
    async latest() {
      const v = await getPolicyVersion(store.db, ctx.config.org);
      return v ? { version: v.version, policy: () => parsePolicyYaml(v.yaml) } : undefined;
    },
  };
  const icap = await startIcapService(ctx, store, listen, logger.child({ part: 'icap' }), config, follow);
  logger.info({ host: icap.host, port: icap.port, policyVersion: saved?.version ?? 0 }, `ICAP listening on icap://${icap.host}:${icap.port}/reqmod`);
  return { name: 'icap', close: () => icap.close() };
}

/** `mamori serve`: the console, the REST API and the ICAP server on one store. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web console and REST API on the store (SQLite under the data dir, or PostgreSQL per config)')
    .option('--listen <host:port>', 'address of the console and API (default: server.listen from the config, 127.0.0.1:8080)')
    .option('--icap <host:port>', 'address of the ICAP server (default: icap.listen from the config, 127.0.0.1:1344)')
    .option('--no-icap', 'run the console and API only')
    .option('--metrics <host:port>', "serve the ICAP server's Prometheus metrics at http://HOST:PORT/metrics (default: icap.metricsListen, none)")
    .action(async (opts: { listen?: string; icap?: string | false; metrics?: string }) => {
      // The metrics are the ICAP server's: without it there would be nothing to serve.
      if (opts.metrics !== undefined && opts.icap === false) throw new MamoriError('ERR_USAGE', '--metrics needs the ICAP server: drop --no-icap or --metrics');
      const ctx = withMetricsListen(createContext(program.opts()), opts.metrics);
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
      try {
        const http = await startHttp(deps, opts.listen ?? ctx.config.server.listen);
        running.push({ name: 'http', close: () => http.close() });
        logger.info({ url: http.url, store: ctx.storeConfig.kind }, 'console and API listening');
        if (opts.icap !== false) running.push(await startIcapAlongside(ctx, store, opts.icap ?? ctx.config.icap.listen, logger));
        // Incidents stay current with what ICAP records and the analysts see; SIEM notices go out as they queue.
        const stopBackground = startBackgroundResponse(ctx, store, logger.child({ part: 'respond' }));
        running.push({ name: 'respond', close: () => Promise.resolve(stopBackground()) });
        // The centre stores every agency's events from the bus; a sensor forwards its own (config bus:).
        const bus = await startBusService(ctx, store, logger.child({ part: 'bus' }), { consume: true });
        if (bus) running.push({ name: 'bus', close: () => bus.close() });
      } catch (e) {
        for (const r of running.reverse()) await r.close();
        await store.close();
        throw e;
      }
      ready = true;
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          ready = false;
          logger.info({ signal }, 'shutting down: finishing in-flight requests and ICAP transactions');
          // ICAP gets its own grace period to finish transactions; past it and a margin, give up.
          const limitMs = (ctx.config.icap.shutdownGraceSeconds + 10) * 1000;
          const timer = setTimeout(() => {
            logger.warn({ limitMs }, 'shutdown took too long; exiting');
            process.exit(1);
          }, limitMs);
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
