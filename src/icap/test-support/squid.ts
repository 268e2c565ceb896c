import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, which } from './services.js';

const run = promisify(execFile);

export interface Squid {
  /** Plain forward-proxy port. */
  readonly port: number;
  /** Port that bumps CONNECT (ssl_bump) with the test CA. */
  readonly bumpPort: number;
  /** The generated squid.conf, for failure messages. */
  readonly conf: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

/** The ICAP part of squid.conf as shipped in docs/icap.md. */
export function icapSnippet(icapPort: number, service = 'reqmod'): string {
  return [
    'icap_enable on',
    'icap_preview_enable on',
    'icap_send_client_ip on',
    'icap_send_client_username on',
    'icap_client_username_encode on',
    'icap_client_username_header X-Authenticated-User',
    'icap_persistent_connections on',
    `icap_service mamori_req reqmod_precache icap://127.0.0.1:${icapPort}/${service} bypass=0`,
    'adaptation_access mamori_req allow all',
  ].join('\n');
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Starts Squid in the foreground with a generated config in `dir` (loopback only, no cache), asking
 * mamori at `icapPort` about every request. Squid runs as user `proxy` when started as root.
 */
export async function startSquid(dir: string, icapPort: number, ca: { cert: string; key: string }, service = 'reqmod'): Promise<Squid> {
  const squid = which('squid');
  if (!squid) throw new Error('squid is not installed');
  const [port, bumpPort] = [await freePort(), await freePort()];
  const certgen = '/usr/lib/squid/security_file_certgen';
  const sslDb = join(dir, 'ssl_db');
  await run(certgen, ['-c', '-s', sslDb, '-M', '4MB'], { timeout: 30_000 });
  const conf = `
http_port 127.0.0.1:${port}
http_port 127.0.0.1:${bumpPort} ssl-bump tls-cert=${ca.cert} tls-key=${ca.key} generate-host-certificates=on dynamic_cert_mem_cache_size=4MB
sslcrtd_program ${certgen} -s ${sslDb} -M 4MB
sslcrtd_children 2 startup=1 idle=1
acl step1 at_step SslBump1
ssl_bump peek step1
ssl_bump bump all
tls_outgoing_options cafile=${ca.cert}
http_access allow localhost
http_access deny all
cache deny all
visible_hostname mamori-test
pid_filename ${join(dir, 'squid.pid')}
access_log stdio:${join(dir, 'access.log')}
cache_log ${join(dir, 'cache.log')}
cache_store_log none
netdb_filename none
coredump_dir ${dir}
shutdown_lifetime 0 seconds
max_filedescriptors 1024
# Squid before the fix of bug 5405 cuts uploads that fill this buffer faster than ICAP drains it.
client_request_buffer_max_size 4 MB
dns_nameservers 127.0.0.1
${icapSnippet(icapPort, service)}
${process.env.MAMORI_SQUID_DEBUG ? `debug_options ${process.env.MAMORI_SQUID_DEBUG}` : ''}
`;
  const confPath = join(dir, 'squid.conf');
  await writeFile(confPath, conf);
  // Squid drops to the `proxy` user: it must read the config and CA and write its logs here.
  await chmod(dir, 0o777);
  if (process.getuid?.() === 0) await run('chown', ['-R', 'proxy:proxy', dir]).catch(() => undefined);
  const child: ChildProcess = spawn(squid, ['-N', '-f', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const log = () => readFile(join(dir, 'cache.log'), 'utf8').catch(() => '');
  if (!(await waitForPort(port, 20_000)) || !(await waitForPort(bumpPort, 5000))) {
    child.kill('SIGKILL');
    throw new Error(`squid did not start: ${stderr}\n${(await log()).slice(-3000)}`);
  }
  return {
    port,
    bumpPort,
    conf,
    log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
