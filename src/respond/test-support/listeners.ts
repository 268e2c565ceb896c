import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';

/** A free TCP/UDP port on 127.0.0.1 (bound then released). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A TCP syslog receiver that parses RFC 6587 octet-counted frames; can be stopped and started again. */
export class TcpSyslogListener {
  readonly messages: string[] = [];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const server = net.createServer((socket) => {
      this.sockets.add(socket);
      let buf = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        for (;;) {
          const sp = buf.indexOf(0x20);
          if (sp < 0) break;
          const len = Number(buf.subarray(0, sp).toString('ascii'));
          if (!Number.isInteger(len) || buf.length < sp + 1 + len) break;
          this.messages.push(buf.subarray(sp + 1, sp + 1 + len).toString('utf8'));
          buf = buf.subarray(sp + 1 + len);
        }
      });
      socket.on('end', () => socket.end());
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}

/** A UDP syslog receiver (one message per datagram). */
export class UdpSyslogListener {
  readonly messages: string[] = [];
  private socket: dgram.Socket | null = null;
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    const s = dgram.createSocket('udp4');
    s.on('message', (m) => this.messages.push(m.toString('utf8')));
    await new Promise<void>((r) => s.bind(this.port, '127.0.0.1', r));
    this.socket = s;
  }
  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}

/** An HTTP receiver whose answer status can be switched (503 for an outage, 400 for a refusal). */
export class WebhookListener {
  readonly bodies: { body: string; signature: string | undefined }[] = [];
  status = 200;
  private server: http.Server | null = null;
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.status === 200) this.bodies.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-mamori-signature'] as string | undefined });
        res.writeHead(this.status).end();
      });
    });
    server.keepAliveTimeout = 1;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.server = server;
  }
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }
}
