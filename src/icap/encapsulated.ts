import { MamoriError } from '../core/index.js';

export type SectionName = 'req-hdr' | 'res-hdr' | 'req-body' | 'res-body' | 'opt-body' | 'null-body';

/** The parsed `Encapsulated` header: header sections with their lengths, and the body section if any. */
export interface Encapsulation {
  readonly reqHdrLength: number;
  readonly resHdrLength: number;
  /** Where the body starts; `null-body` means there is none. */
  readonly body: 'req-body' | 'res-body' | 'opt-body' | 'null-body';
}

const ORDER: readonly SectionName[] = ['req-hdr', 'res-hdr', 'req-body', 'res-body', 'opt-body', 'null-body'];

/**
 * Parses `Encapsulated: req-hdr=0, req-body=412` (RFC 3507 4.4.1): offsets must start at 0, increase,
 * come in the RFC's order and end with exactly one body section.
 *
 * @example
 * parseEncapsulated('req-hdr=0, null-body=170'); // { reqHdrLength: 170, resHdrLength: 0, body: 'null-body' }
 */
export function parseEncapsulated(value: string | undefined): Encapsulation {
  if (value === undefined) throw new MamoriError('ERR_ICAP', 'missing Encapsulated header');
  const sections: { name: SectionName; offset: number }[] = [];
  for (const item of value.split(',')) {
    const m = /^\s*([a-z-]+)=(\d{1,9})\s*$/i.exec(item);
    if (!m) throw new MamoriError('ERR_ICAP', 'malformed Encapsulated header');
    const name = m[1]!.toLowerCase() as SectionName;
    if (!ORDER.includes(name)) throw new MamoriError('ERR_ICAP', `unknown Encapsulated section ${name}`);
    sections.push({ name, offset: Number(m[2]) });
  }
  const last = sections[sections.length - 1];
  if (!last || !['req-body', 'res-body', 'opt-body', 'null-body'].includes(last.name)) {
    throw new MamoriError('ERR_ICAP', 'Encapsulated must end with a body section');
  }
  if (sections[0]!.offset !== 0) throw new MamoriError('ERR_ICAP', 'Encapsulated offsets must start at 0');
  let reqHdrLength = 0;
  let resHdrLength = 0;
  for (let i = 0; i < sections.length - 1; i++) {
    const s = sections[i]!;
    const next = sections[i + 1]!;
    if (ORDER.indexOf(next.name) <= ORDER.indexOf(s.name)) throw new MamoriError('ERR_ICAP', 'Encapsulated sections out of order');
    if (s.name !== 'req-hdr' && s.name !== 'res-hdr') throw new MamoriError('ERR_ICAP', 'only one body section is allowed');
    if (next.offset < s.offset) throw new MamoriError('ERR_ICAP', 'Encapsulated offsets must increase');
    if (s.name === 'req-hdr') reqHdrLength = next.offset - s.offset;
    else resHdrLength = next.offset - s.offset;
  }
  return { reqHdrLength, resHdrLength, body: last.name as Encapsulation['body'] };
}
