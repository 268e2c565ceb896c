import type { Command } from 'commander';
import { createTransport, type DeadLetter } from '../../bus/index.js';
import { MamoriError } from '../../core/index.js';
import { countEventsAfter, listBusCursors } from '../../store/index.js';
import { createContext, type GlobalOptions } from '../context.js';
import { parseFormat, renderTable, writeJson } from '../output.js';

interface CentreStatus {
  readonly bus: string;
  readonly durable: string;
  readonly reachable: boolean;
  readonly error?: string;
  readonly pending?: number;
  readonly ackPending?: number;
  readonly redelivered?: number;
  readonly deadLetters?: { subject: string; id: string | undefined; reason: string }[];
}

/**
 * `mamori bus status`: where this store's forwarder stands (cursor, events forwarded, events not yet forwarded,
 * last failure) and, with the NATS transport, the central consumer's backlog and the latest dead letters.
 *
 * @example
 * mamori bus status --format json
 */
export const registerBus = (program: Command): void => {
  const bus = program.command('bus').description('event transport between sensors and the centre (NATS JetStream)');
  bus
    .command('status')
    .description("show the forwarder's cursor and lag in this store, and the central consumer's backlog and dead letters")
    .option('--dead <n>', 'how many of the latest dead letters to show', '5')
    .option('--format <format>', 'table|json', 'table')
    .action(async (opts: { dead: string; format?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['table', 'json'] as const, 'table');
      const deadLimit = Number(opts.dead);
      if (!Number.isInteger(deadLimit) || deadLimit < 0 || deadLimit > 1000) throw new MamoriError('ERR_USAGE', '--dead must be an integer from 0 to 1000');
      const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
      const config = ctx.config.bus;
      const store = await ctx.openStore();
      let forwarders;
      try {
        forwarders = await Promise.all(
          (await listBusCursors(store.db)).map(async (c) => ({ ...c, lag: await countEventsAfter(store.db, store.dialect, c.position) })),
        );
      } finally {
        await store.close();
      }
      let centre: CentreStatus | undefined;
      if (config.transport === 'nats') {
        const transport = createTransport({ ...config, nats: { ...config.nats, timeoutMs: Math.min(config.nats.timeoutMs, 3000) } }, 'mamori-status');
        try {
          const info = await transport.consumerInfo(config.consume.durable);
          const dead: DeadLetter[] = deadLimit > 0 ? await transport.deadLetters(deadLimit) : [];
          centre = { bus: transport.describe, durable: config.consume.durable, reachable: true, ...(info ?? {}), deadLetters: dead.map((d) => ({ subject: d.subject, id: d.id, reason: d.reason })) };
        } catch (e) {
          centre = { bus: transport.describe, durable: config.consume.durable, reachable: false, error: (e as Error).message };
        } finally {
          await transport.close();
        }
      }
      if (format === 'json') return writeJson({ transport: config.transport, forwarders, centre });
      process.stdout.write(`transport: ${config.transport}${config.forward.enabled ? ' (forwarding on)' : ''}${config.consume.enabled ? ' (consuming on)' : ''}\n`);
      if (forwarders.length === 0) process.stdout.write('no forwarder has run on this store\n');
      else
        process.stdout.write(
          renderTable(forwarders, [
            { header: 'CURSOR', value: (r) => r.name },
            { header: 'FORWARDED', value: (r) => r.forwarded, align: 'right' },
            { header: 'LAG', value: (r) => r.lag, align: 'right' },
            { header: 'UPDATED', value: (r) => r.updatedAt },
            { header: 'LAST ERROR', value: (r) => r.lastError ?? '-', max: 60 },
          ]),
        );
      if (centre) {
        if (!centre.reachable) process.stdout.write(`${centre.bus}: unreachable: ${centre.error}\n`);
        else if (centre.pending === undefined) process.stdout.write(`${centre.bus}: no consumer "${centre.durable}" yet\n`);
        else process.stdout.write(`${centre.bus}: consumer "${centre.durable}": ${centre.pending} waiting, ${centre.ackPending} being stored, ${centre.redelivered} redelivered\n`);
        for (const d of centre.deadLetters ?? []) process.stdout.write(`dead letter ${d.id ?? '-'} on ${d.subject}: ${d.reason}\n`);
      }
    });
};
