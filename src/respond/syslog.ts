import dgram from 'node:dgram';
import net from 'node:net';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { SyslogConfig } from './config.js';
import type { Sink, SinkResult } from './sink.js';

/** Syslog severity (RFC 5424) of an incident severity. */
const SYSLOG_SEVERITY: Readonly<Record<string, number>> = Object.freeze({ critical: 2, high: 3, medium: 4, low: 5 });

function field(value: string, max: number): string {
  const clean = value.replace(/[^!-~]/g, '');
  return clean === '' ? '-' : clean.slice(0, max);
}

/**
 * One RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG` (no structured data).
 *
 * @example
 * formatSyslog({ facility: 16, severity: 'high', time: new Date(), appName: 'mamori', msgId: 'incident', message: cef });
 */
export function formatSyslog(m: { facility: number; severity: string; time: Date; appName: string; msgId: string; message: string; host?: string }): string {
  const pri = m.facility * 8 + (SYSLOG_SEVERITY[m.severity] ?? 5);
  return `<${pri}>1 ${m.time.toISOString()} ${field(m.host ?? hostname(), 255)} ${field(m.appName, 48)} ${process.pid} ${field(m.msgId, 32)} - ${m.message.replace(/[\r\n]+/g, ' ')}`;
}

/** RFC 6587 octet-counting frame: the message's byte length, a space, the message. */
export function octetFrame(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

/**
 * Sends syslog messages over TCP (RFC 5424 in RFC 6587 framing) on a fresh connection per batch, and counts the
 * batch delivered only when the connection closed cleanly.
 */
export function tcpSyslogSink(config: SyslogConfig): Sink {
  return {
    name: 'syslog',
    deliver(payloads: readonly string[]): Promise<SinkResult> {
      return new Promise((resolve) => {
        let settled = false;
        const done = (r: SinkResult) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          resolve(r);
        };
        const socket = net.connect({ host: config.host, port: config.port });
        let flushed = false;
        socket.on('finish', () => (flushed = true));
        // A peer that never closes its side still got everything once our data was flushed without a reset.
        socket.setTimeout(config.timeoutMs, () =>
          done(flushed ? { delivered: payloads.length } : { delivered: 0, error: { message: `syslog ${config.host}:${config.port}: timed out`, permanent: false } }),
        );
        socket.on('error', (e) => done({ delivered: 0, error: { message: `syslog ${config.host}:${config.port}: ${e.message}`, permanent: false } }));
        socket.on('connect', () => {
          const frames = payloads.map((p) => (config.framing === 'lf' ? Buffer.from(`${p}\n`, 'utf8') : octetFrame(p)));
          socket.end(Buffer.concat(frames));
        });
        // Our FIN was sent and the peer closed too without an error: it read everything.
        socket.on('close', (hadError) => {
          if (!hadError) done({ delivered: payloads.length });
        });
        socket.resume();
      });
    },
  };
}

/**
 * Sends syslog messages over UDP, one datagram each. UDP has no acknowledgement: a batch counts as failed when
 * the peer answers "port unreachable" within a short settling time (a listener that is down on this host or a
 * host that says so); silent loss on the network cannot be detected — prefer TCP.
 */
export function udpSyslogSink(config: SyslogConfig, settleMs = 50): Sink {
  return {
    name: 'syslog',
    deliver(payloads: readonly string[]): Promise<SinkResult> {
      return new Promise((resolve) => {
        const socket = dgram.createSocket(isIP(config.host) === 6 ? 'udp6' : 'udp4');
        let failure: string | null = null;
        let settled = false;
        const done = () => {
          if (settled) return;
          settled = true;
          socket.close();
          resolve(failure ? { delivered: 0, error: { message: `syslog udp ${config.host}:${config.port}: ${failure}`, permanent: false } } : { delivered: payloads.length });
        };
        socket.on('error', (e) => {
          failure = e.message;
          done();
        });
        socket.connect(config.port, config.host, () => {
          let pending = payloads.length;
          if (pending === 0) return done();
          for (const p of payloads) {
            socket.send(Buffer.from(p, 'utf8'), (err) => {
              if (err) failure = err.message;
              if (--pending === 0) setTimeout(done, settleMs);
            });
          }
        });
      });
    },
  };
}
