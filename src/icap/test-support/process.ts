import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface IcapProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | string | null>;
}

const MAIN = fileURLToPath(new URL('./serve-main.ts', import.meta.url));

/** mamori's ICAP server in its own process (so a test can SIGKILL it), recording into `storePath`. */
export async function spawnIcap(storePath: string, port = 0): Promise<IcapProcess> {
  // stdin is the child's lifeline (it exits when the pipe closes, i.e. when this process dies without killing
  // it), and its stderr is relayed rather than inherited: an orphan holding the test runner's pipe would keep
  // the runner waiting forever.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, storePath, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((c) => {
      throw new Error(`ICAP server exited early (${String(c)})`);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ICAP server did not start in 30 s')), 30_000).unref()),
  ]);
  lines.close();
  child.stdout!.resume();
  return { port: (JSON.parse(first) as { port: number }).port, child, exited };
}
