import { randomBytes } from 'node:crypto';
import { MamoriError } from '../../core/index.js';

/**
 * The password for `user add` / `reset-password`: the first line of stdin (at least 12 characters),
 * or a generated one to show once.
 *
 * @example
 * const { password, generated } = await readPassword(opts.passwordStdin === true);
 */
export async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(15).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) throw new MamoriError('ERR_INPUT', 'password on stdin is over 4096 bytes');
    chunks.push(chunk);
  }
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password.length < 12) throw new MamoriError('ERR_INPUT', 'password must have at least 12 characters');
  return { password, generated: false };
}
