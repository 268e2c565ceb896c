import { burn } from '@kenjiuno/msgreader/lib/Burner.js';
import type { Entry } from '@kenjiuno/msgreader/lib/Burner.js';

// TypeEnum of the CFB reader: storage, stream, root (a const enum in the package's types).
const DIRECTORY = 1;
const DOCUMENT = 2;
const ROOT = 5;

export interface MsgInput {
  readonly subject: string;
  readonly body?: string;
  readonly senderName?: string;
  readonly to?: readonly { name: string; email: string }[];
  readonly attachments?: readonly { name: string; data: Uint8Array }[];
}

const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));

/**
 * Writes an Outlook .msg (a CFB file of MAPI property streams) with the CFB writer that ships with
 * @kenjiuno/msgreader: subject, body, sender, recipients, attachments.
 *
 * @example
 * makeMsg({ subject: '予算', body: '機密性２', attachments: [{ name: 'a.txt', data }] });
 */
export function makeMsg(m: MsgInput): Uint8Array {
  const entries: Entry[] = [{ name: 'Root Entry', type: ROOT, length: 0, children: [] }];
  const add = (parent: number, name: string, data?: Uint8Array): number => {
    const index = entries.length;
    entries.push(
      data
        ? { name, type: DOCUMENT, length: data.length, binaryProvider: () => data }
        : { name, type: DIRECTORY, length: 0, children: [] },
    );
    entries[parent]?.children?.push(index);
    return index;
  };
  add(0, '__properties_version1.0', new Uint8Array(32));
  add(0, '__substg1.0_0037001F', utf16(m.subject));
  if (m.body !== undefined) add(0, '__substg1.0_1000001F', utf16(m.body));
  if (m.senderName !== undefined) add(0, '__substg1.0_0C1A001F', utf16(m.senderName));
  (m.to ?? []).forEach((r, i) => {
    const dir = add(0, `__recip_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`);
    add(dir, '__properties_version1.0', new Uint8Array(8));
    add(dir, '__substg1.0_3001001F', utf16(r.name));
    add(dir, '__substg1.0_39FE001F', utf16(r.email));
  });
  (m.attachments ?? []).forEach((a, i) => {
    const dir = add(0, `__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}`);
    add(dir, '__properties_version1.0', new Uint8Array(8));
    add(dir, '__substg1.0_3707001F', utf16(a.name));
    // A fresh copy: the CFB writer reads the whole backing ArrayBuffer of what it is given (pooled Buffers share one).
    add(dir, '__substg1.0_37010102', new Uint8Array(a.data));
  });
  return burn(entries);
}
