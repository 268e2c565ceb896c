import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError, type InspectContext, type MamoriEvent } from '../core/index.js';
import { eventFromInspection } from '../inspect.js';
import { BodySpool } from './body.js';
import { renderBlockPage } from './block-page.js';
import { readChunked } from './chunked.js';
import type { Decider } from './decide.js';
import { parseEncapsulated } from './encapsulated.js';
import { parseIcapRequestLine, type MessageHead } from './head.js';
import { parseHttpRequest, type HttpRequestHead } from './http-request.js';
import { clientIdentity } from './identity.js';
import { SERVICES, sendOptions } from './options.js';
import type { SocketReader } from './reader.js';
import type { IcapMetrics } from './metrics.js';
import type { EventRecorder } from './recorder.js';
import { sendEcho, sendHttpResponse, sendStatus, type AnswerBase } from './response.js';

/** What a transaction needs from the server. */
export interface TransactionEnv {
  readonly config: MamoriConfig;
  readonly istag: string;
  readonly decider: Decider;
  readonly recorder: EventRecorder;
  readonly logger: Logger;
  readonly metrics?: IcapMetrics;
  /** True once the server is shutting down: answers then close the connection. */
  readonly closing: () => boolean;
}

/**
 * Serves one ICAP request whose head has been read. Resolves true when the connection may carry
 * another request. Protocol errors are thrown as MamoriError (ERR_ICAP) for the server to answer.
 *
 * @example
 * const keepAlive = await serveTransaction(socket, reader, head, env);
 */
export async function serveTransaction(socket: Socket, reader: SocketReader, head: MessageHead, env: TransactionEnv): Promise<boolean> {
  const line = parseIcapRequestLine(head.startLine);
  const close = head.headers.tokens('connection').includes('close') || env.closing();
  const base: AnswerBase = { istag: env.istag, close };
  if (line.method === 'OPTIONS') {
    const enc = head.headers.get('encapsulated');
    if (enc !== undefined && parseEncapsulated(enc).body === 'opt-body') await readChunked(reader, () => undefined);
    await sendOptions(socket, base, env.config.icap, line.service);
    return !close;
  }
  if (line.method !== 'REQMOD' && line.method !== 'RESPMOD') throw new MamoriError('ERR_ICAP', `method ${line.method.slice(0, 20)} not implemented`, { status: 501 });
  if (!(line.service in SERVICES)) throw new MamoriError('ERR_ICAP', 'no such ICAP service', { status: 404 });
  if (line.method !== SERVICES[line.service]) throw new MamoriError('ERR_ICAP', `${line.method} not offered by this service`, { status: 405 });

  const enc = parseEncapsulated(head.headers.get('encapsulated'));
  if (enc.reqHdrLength === 0 || enc.resHdrLength !== 0 || (enc.body !== 'req-body' && enc.body !== 'null-body')) {
    throw new MamoriError('ERR_ICAP', 'REQMOD needs req-hdr followed by req-body or null-body');
  }
  if (enc.reqHdrLength > env.config.icap.maxHeaderBytes) throw new MamoriError('ERR_ICAP', 'encapsulated HTTP header too large', { status: 413 });
  const reqHdr = await reader.readExact(enc.reqHdrLength);
  const http = parseHttpRequest(reqHdr);
  const previewHeader = head.headers.get('preview');
  if (previewHeader !== undefined && !/^\s*\d{1,9}\s*$/.test(previewHeader)) throw new MamoriError('ERR_ICAP', 'malformed Preview header');
  const inPreview = previewHeader !== undefined;
  const allow204 = head.headers.tokens('allow').includes('204');

  if (enc.body === 'null-body') {
    // No upload to inspect (GET, CONNECT, HEAD): pass it on unrecorded.
    if (allow204 || inPreview) await sendStatus(socket, 204, base);
    else await sendEcho(socket, base, reqHdr, null);
    return !close;
  }

  const started = process.hrtime.bigint();
  const spool = new BodySpool(env.config.icap);
  try {
    const sink = (piece: Buffer) => spool.write(piece);
    const end = await readChunked(reader, sink);
    let continued = false;
    if (inPreview && !end.ieof) {
      env.logger.debug({ previewBytes: spool.received }, 'preview read; 100 Continue');
      await sendStatus(socket, 100, null);
      continued = true;
      await readChunked(reader, sink);
    }
    const context = contextOf(http, head, env.config.org);
    const read = process.hrtime.bigint();
    const inspection = spool.truncated
      ? env.decider.uninspectable(`body larger than maxBodyBytes (${env.config.icap.maxBodyBytes})`, spool.received, context)
      : await env.decider.inspect(() => spool.bytes(), context);
    const event: MamoriEvent = { ...eventFromInspection(inspection, context), bytes: spool.received, sha256: inspection.sha256 || null };
    const inspected = process.hrtime.bigint();
    try {
      await env.recorder.record(event);
    } catch (e) {
      // No answer without a stored decision: the proxy fails the request (closed with bypass=0).
      env.logger.error({ err: { message: (e as Error).message }, event: event.id }, 'event store failed; answering 500');
      env.metrics?.storeFailure();
      await sendStatus(socket, 500, { ...base, close: true });
      return false;
    }
    const committed = process.hrtime.bigint();
    // Shutdown may have begun while the body arrived: then this answer closes the connection.
    const answered: AnswerBase = { ...base, close: close || env.closing(), eventId: event.id };
    if (event.action === 'block') {
      const page = renderBlockPage({ reference: event.id, url: http.url, time: event.time }, http.headers);
      await sendHttpResponse(socket, answered, 403, 'Forbidden', page.contentType, page.body);
    } else if (allow204 || (inPreview && !continued)) {
      await sendStatus(socket, 204, answered);
    } else {
      await sendEcho(socket, answered, reqHdr, spool);
    }
    const finished = process.hrtime.bigint();
    env.metrics?.decision({
      action: event.action,
      monitored: event.monitored,
      label: event.label,
      bytes: event.bytes,
      seconds: secondsBetween(started, finished),
      readSeconds: secondsBetween(started, read),
      inspectSeconds: secondsBetween(read, inspected),
      commitSeconds: secondsBetween(inspected, committed),
    });
    env.logger.info(
      {
        event: event.id,
        action: event.action,
        rule: event.rule,
        label: event.label,
        clientIp: event.clientIp,
        method: event.method,
        destHost: event.destHost,
        bytes: event.bytes,
        spooled: spool.spooled,
        ms: msBetween(started, finished),
        // Where the time went: reading the body, inspecting it (queue included), committing the event.
        readMs: msBetween(started, read),
        inspectMs: msBetween(read, inspected),
        commitMs: msBetween(inspected, committed),
      },
      'decision',
    );
    return !answered.close;
  } finally {
    await spool.dispose();
  }
}

const msBetween = (from: bigint, to: bigint): number => Math.round(Number(to - from) / 1e4) / 100;
const secondsBetween = (from: bigint, to: bigint): number => Number(to - from) / 1e9;

function contextOf(http: HttpRequestHead, head: MessageHead, org: string): InspectContext {
  const who = clientIdentity(head.headers);
  const contentType = http.headers.get('content-type');
  const contentEncoding = http.headers.get('content-encoding');
  return {
    channel: 'icap',
    // Sensors record into the organisation they are configured for (`org`, default `default`).
    org,
    url: http.url,
    method: http.method,
    destHost: http.host,
    ...(http.ip !== undefined ? { destIp: http.ip } : {}),
    ...who,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(contentEncoding !== undefined ? { contentEncoding } : {}),
  };
}
