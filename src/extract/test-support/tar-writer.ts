/** One tar member; `type` defaults to a regular file. */
export interface TarInput {
  readonly name: string;
  readonly data?: Uint8Array | string;
  readonly type?: '0' | '5' | 'L' | 'x';
}

function header(name: Uint8Array, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  name.slice(0, 100).forEach((b, i) => (h[i] = b));
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\x0000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

/**
 * Writes a ustar archive in memory (test fixtures only); names over 100 bytes get a GNU long-name record.
 *
 * @example
 * makeTar([{ name: 'a/予算.txt', data: '機密' }]);
 */
export function makeTar(inputs: readonly TarInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of inputs) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? new Uint8Array());
    const name = Buffer.from(e.name);
    if (name.length > 100) {
      blocks.push(header(Buffer.from('././@LongLink'), name.length + 1, 'L'), pad(Buffer.concat([name, Buffer.alloc(1)])));
    }
    blocks.push(header(name, data.length, e.type ?? '0'), pad(data));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}
