import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * The structured logger of `mamori serve`: JSON lines, and any field that could carry a secret
 * (passwords, tokens, cookies, authorisation headers) replaced before it is written.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ port: 8080 }, 'listening');
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? process.env.MAMORI_LOG_LEVEL ?? 'info',
      base: { service: 'mamori' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'cookie', '*.cookie', 'authorization', '*.authorization', '*.headers.cookie', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    opts.destination ?? pino.destination(2),
  );
}
