import { crc32, deflateRawSync } from 'node:zlib';

/** One member for `makeZip`. Fields past `data` forge what hostile archives forge. */
export interface ZipInput {
  readonly name: string;
  readonly data?: Uint8Array | string;
  /** 0 stored, 8 deflated (default). */
  readonly method?: number;
  /** Already-deflated bytes, written as is (for bombs built without inflating them first). */
  readonly deflated?: Uint8Array;
  /** Uncompressed size written in the headers instead of the real one. */
  readonly declaredSize?: number;
  readonly crc?: number;
  /** Sets the traditional-encryption flag bit. */
  readonly encrypted?: boolean;
  /** Raw name bytes, e.g. Shift_JIS without the UTF-8 flag. */
  readonly nameBytes?: Uint8Array;
}

const u16 = (v: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
};

/**
 * Writes a zip archive in memory (test fixtures only): local headers, central directory, end record.
 *
 * @example
 * const zip = makeZip([{ name: 'a.txt', data: 'hello' }]);
 */
export function makeZip(inputs: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of inputs) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data ?? new Uint8Array());
    const method = e.method ?? 8;
    const body = e.deflated ? Buffer.from(e.deflated) : method === 8 ? deflateRawSync(raw) : raw;
    const name = e.nameBytes ? Buffer.from(e.nameBytes) : Buffer.from(e.name, 'utf8');
    const flags = (e.encrypted ? 0x1 : 0) | (e.nameBytes ? 0 : 0x800);
    const crc = e.crc ?? crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const common = Buffer.concat([u16(20), u16(flags), u16(method), u16(0), u16(0x21), u32(crc), u32(body.length), u32(size), u16(name.length), u16(0)]);
    const local = Buffer.concat([u32(0x04034b50), common, name, body]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(inputs.length), u16(inputs.length), u32(dir.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Raw deflate data that inflates to `mebibytes` MiB of zeros, built by repeating one flushed block:
 * 10 GiB of output costs ~10 MB here and no time to make.
 *
 * @example
 * makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(10 * 1024), declaredSize: 1024 }]);
 */
export function zerosDeflated(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: 3 /* Z_FULL_FLUSH */ });
  const end = deflateRawSync(Buffer.alloc(0));
  const out = Buffer.alloc(block.length * mebibytes + end.length);
  for (let i = 0; i < mebibytes; i++) block.copy(out, i * block.length);
  end.copy(out, block.length * mebibytes);
  return out;
}
