import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** True when CI wants tests against missing services to fail rather than skip. */
export const REQUIRE_SERVICES = process.env.MAMORI_REQUIRE_SERVICES === '1';

/** Absolute path of a program on PATH (or in sbin), or null. */
export function which(program: string): string | null {
  const r = spawnSync('sh', ['-c', `PATH="$PATH:/usr/sbin:/sbin" command -v ${program}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path !== '' ? path : null;
}

/**
 * A `skip` value for tests needing `programs`: a clear message when one is missing, or false. With
 * MAMORI_REQUIRE_SERVICES=1 it never skips, so the tests fail on the missing program instead.
 */
export function skipUnless(...programs: string[]): string | false {
  const missing = programs.filter((p) => which(p) === null);
  if (missing.length === 0 || REQUIRE_SERVICES) return false;
  return `${missing.join(', ')} not installed (Debian: apt-get install squid-openssl c-icap); set MAMORI_REQUIRE_SERVICES=1 to fail instead`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
