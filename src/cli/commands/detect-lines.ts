/**
 * Splits a byte stream into lines without holding more than `maxLine` bytes of one line: a longer line
 * is dropped (reported as `tooLong`) and reading resumes at the next newline.
 *
 * @example
 * for await (const line of readLines(process.stdin, 1 << 20)) if (!line.tooLong) use(line.bytes);
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxLine: number): AsyncGenerator<{ bytes: Buffer; tooLong: boolean }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  for await (const raw of input) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10)) {
      const head = chunk.subarray(0, nl);
      chunk = chunk.subarray(nl + 1);
      if (skipping || pendingBytes + head.length > maxLine) {
        yield { bytes: Buffer.alloc(0), tooLong: true };
      } else {
        yield { bytes: pending.length ? Buffer.concat([...pending, head]) : head, tooLong: false };
      }
      pending = [];
      pendingBytes = 0;
      skipping = false;
    }
    if (skipping) continue;
    if (pendingBytes + chunk.length > maxLine) {
      pending = [];
      pendingBytes = 0;
      skipping = true;
    } else if (chunk.length > 0) {
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.length;
    }
  }
  if (skipping) yield { bytes: Buffer.alloc(0), tooLong: true };
  else if (pendingBytes > 0) yield { bytes: Buffer.concat(pending), tooLong: false };
}
