import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { newId, type MamoriEvent } from '../../core/index.js';

/** NATS with JetStream for tests: MAMORI_TEST_NATS_URL, default the project machines' 127.0.0.1:4222. */
export const TEST_NATS_URL = process.env.MAMORI_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const REQUIRE_SERVICES = process.env.MAMORI_REQUIRE_SERVICES === '1';
/** Debian's nats-server, for tests that stop and restart their own server. */
export const NATS_SERVER_BIN = process.env.MAMORI_NATS_SERVER ?? '/usr/sbin/nats-server';

async function probeNats(): Promise<string | null> {
  try {
    const nc = await connect({ servers: TEST_NATS_URL, timeout: 2000, maxReconnectAttempts: 0 });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
    } finally {
      await nc.close();
    }
    return null;
  } catch (e) {
    return `NATS JetStream not reachable at ${TEST_NATS_URL}: ${(e as Error).message}`;
  }
}

const natsProblem = await probeNats();

/** Why NATS tests must skip, or false (never skips under MAMORI_REQUIRE_SERVICES=1: they fail instead). */
export function natsSkipReason(): string | false {
  return natsProblem && !REQUIRE_SERVICES ? `${natsProblem} (set MAMORI_REQUIRE_SERVICES=1 to fail instead)` : false;
}

/** Why tests that run their own nats-server must skip, or false. */
export function natsServerSkipReason(): string | false {
  return !existsSync(NATS_SERVER_BIN) && !REQUIRE_SERVICES ? `${NATS_SERVER_BIN} not installed (set MAMORI_REQUIRE_SERVICES=1 to fail instead)` : false;
}

/** A stream name and subject prefix no other test uses. */
export function uniqueNames(): { stream: string; subjectPrefix: string } {
  const tag = randomBytes(5).toString('hex');
  return { stream: `MAMORI_TEST_${tag}`, subjectPrefix: `mamoritest${tag}` };
}

/** Deletes a test's stream and its dead-letter stream. */
export async function deleteStreams(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 2000, maxReconnectAttempts: 0 });
  try {
    const jsm = await jetstreamManager(nc);
    for (const name of [stream, `${stream}_DEAD`]) await jsm.streams.delete(name).catch(() => false);
  } finally {
    await nc.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A private nats-server with JetStream on a free loopback port and a temporary store directory. */
export interface OwnNatsServer {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes its store. */
  dispose(): Promise<void>;
}

/**
 * Starts a nats-server the test can stop and start again on the same port and store (an outage).
 *
 * @example
 * const server = await startOwnNatsServer(); await server.stop(); await server.start(); await server.dispose();
 */
export async function startOwnNatsServer(): Promise<OwnNatsServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mamori-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    // Ready once a client gets in: at most 10 s.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const nc = await connect({ servers: url, timeout: 500, maxReconnectAttempts: 0 });
        await (await jetstreamManager(nc)).getAccountInfo();
        await nc.close();
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`nats-server did not start on ${url}: ${(e as Error).message}`, { cause: e });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    url,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stored-looking event (evidence masked) of `org`. */
export function sampleEvent(org: string, i: number, over: Partial<MamoriEvent> = {}): MamoriEvent {
  return {
    id: newId('evt'),
    org,
    time: new Date(Date.UTC(2026, 10, 27, 9, 0, 0) + i * 1000).toISOString(),
    channel: 'icap',
    action: i % 3 === 0 ? 'block' : 'alert',
    monitored: false,
    rule: 'c2-to-unlisted',
    reason: 'c2 content to an unlisted destination',
    clientIp: `10.1.2.${i % 250}`,
    user: null,
    method: 'POST',
    url: 'http://evil.example/upload',
    destHost: 'evil.example',
    destIp: '203.0.113.9',
    bytes: 1000 + i,
    label: 'c2',
    unscannable: false,
    sha256: 'ab'.repeat(32),
    fileName: '予算.docx',
    findings: [{ detector: 'jp.my_number', count: 1, samples: ['1234-****-**18'] }],
    matches: [],
    ...over,
  };
}

/** Polls `check` every 50 ms until it returns true or `ms` pass; returns the last answer. */
export async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
