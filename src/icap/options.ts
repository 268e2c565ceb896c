import type { Socket } from 'node:net';
import type { IcapConfig } from './config.js';
import { sendStatus, type AnswerBase } from './response.js';

/** The services mamori offers, by the path of their ICAP URI. */
export const SERVICES: Readonly<Record<string, 'REQMOD'>> = Object.freeze({ reqmod: 'REQMOD' });

/**
 * Answers OPTIONS (RFC 3507 4.10): methods, preview size, 204 support, limits and cache lifetime.
 * `Transfer-Preview: *` asks for a preview of every upload whatever its file extension.
 *
 * @example
 * await sendOptions(socket, base, config.icap, 'reqmod');
 */
export async function sendOptions(socket: Socket, base: AnswerBase, config: IcapConfig, service: string): Promise<void> {
  const method = SERVICES[service];
  if (!method) {
    await sendStatus(socket, 404, base);
    return;
  }
  await sendStatus(socket, 200, base, [
    ['Methods', method],
    ['Service', 'mamori data-leak prevention'],
    ['Service-ID', 'mamori'],
    ['Max-Connections', String(config.maxConnections)],
    ['Options-TTL', String(config.optionsTtlSeconds)],
    ['Allow', '204'],
    ['Preview', String(config.previewBytes)],
    ['Transfer-Preview', '*'],
    ['X-Include', 'X-Client-IP, X-Authenticated-User, X-Client-Username'],
  ]);
}
