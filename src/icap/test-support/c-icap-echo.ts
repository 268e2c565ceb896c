import { spawn } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort, which } from './services.js';

export interface CIcapEcho {
  readonly port: number;
  /** ICAP service path of the echo service. */
  readonly service: 'echo';
  stop(): Promise<void>;
}

/**
 * c-icap with its own `srv_echo` service, configured in `dir` on a free loopback port: the reference
 * ICAP server the benchmark compares mamori with.
 */
export async function startCIcapEcho(dir: string, threads = 10): Promise<CIcapEcho> {
  const bin = which('c-icap');
  if (!bin) throw new Error('c-icap is not installed');
  const port = await freePort();
  const conf = `PidFile ${join(dir, 'c-icap.pid')}
CommandsSocket ${join(dir, 'c-icap.ctl')}
Timeout 300
MaxKeepAliveRequests 0
KeepAliveTimeout 600
StartServers 1
MaxServers 1
MinSpareThreads ${Math.min(10, threads)}
MaxSpareThreads ${threads}
ThreadsPerChild ${threads}
MaxRequestsPerChild 0
Port 127.0.0.1:${port}
TmpDir ${dir}
MaxMemObject 1048576
DebugLevel 0
Pipelining on
ModulesDir /usr/lib/x86_64-linux-gnu/c_icap
ServicesDir /usr/lib/x86_64-linux-gnu/c_icap
TemplateDir /usr/share/c_icap/templates/
ServerLog ${join(dir, 'c-icap-server.log')}
AccessLog ${join(dir, 'c-icap-access.log')}
Service echo srv_echo.so
`;
  const path = join(dir, 'c-icap.conf');
  await writeFile(path, conf);
  await chmod(dir, 0o777);
  const child = spawn(bin, ['-N', '-f', path], { stdio: 'ignore' });
  const until = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('c-icap did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    service: 'echo',
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}
