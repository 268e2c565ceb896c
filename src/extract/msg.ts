import msgreader from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { MamoriError } from '../core/index.js';
import { htmlToText } from './html.js';
import type { Handler, ExtractNode } from './node.js';
import { binaryHandler } from './strings.js';

const MSG_TYPE = 'application/vnd.ms-outlook';

// The package is CommonJS with `exports.default`: under Node's ESM interop the class sits one level down.
const MsgReaderCtor = msgreader.default;
type MsgReader = InstanceType<typeof MsgReaderCtor>;

/**
 * OLE compound files: Outlook .msg messages (subject, sender, recipients, body, attachments one level
 * deeper, embedded messages too); other OLE files (legacy .doc/.xls) fall back to printable strings.
 *
 * @example
 * await oleHandler(node); // parts mail.msg/header/subject, mail.msg/body.txt, mail.msg/a.docx/...
 */
export const oleHandler: Handler = async (node) => {
  let reader: MsgReader;
  let data: FieldsData;
  try {
    reader = new MsgReaderCtor(new DataView(node.bytes.buffer, node.bytes.byteOffset, node.bytes.byteLength));
    data = reader.getFileData();
  } catch (e) {
    throw new MamoriError('ERR_PARSE', `unreadable OLE compound file: ${(e as Error).message}`, { cause: e });
  }
  const looksLikeMail = data.subject !== undefined || data.body !== undefined || (data.attachments ?? []).length > 0 || (data.recipients ?? []).length > 0;
  if (data.error || data.dataType !== 'msg' || !looksLikeMail) {
    await binaryHandler({ ...node, mediaType: 'application/x-ole-storage' });
    return;
  }
  await readMsg(node, reader, data);
};

async function readMsg(node: ExtractNode, reader: MsgReader, data: FieldsData): Promise<void> {
  const from = [data.senderName, data.senderEmail ? `<${data.senderEmail}>` : ''].filter(Boolean).join(' ');
  const to = (data.recipients ?? []).map((r) => [r.name, (r.smtpAddress ?? r.email) ? `<${r.smtpAddress ?? r.email}>` : ''].filter(Boolean).join(' ')).join(', ');
  node.sink.text(node.child('header/subject'), 'header', MSG_TYPE, data.subject ?? '');
  node.sink.text(node.child('header/from'), 'header', MSG_TYPE, from);
  node.sink.text(node.child('header/to'), 'header', MSG_TYPE, to);
  if (data.body) node.sink.text(node.child('body.txt'), 'body', MSG_TYPE, data.body);
  else if (data.bodyHtml) node.sink.text(node.child('body.html'), 'body', MSG_TYPE, htmlToText(data.bodyHtml));
  let index = 0;
  for (const att of data.attachments ?? []) {
    index++;
    node.sink.budget.checkTime();
    const name = att.fileName ?? att.fileNameShort ?? att.name ?? `attachment-${index}`;
    let content: Uint8Array;
    try {
      content = reader.getAttachment(att).content;
    } catch (e) {
      node.sink.fail(node.child(name), new MamoriError('ERR_PARSE', `unreadable attachment: ${(e as Error).message}`, { cause: e }));
      continue;
    }
    await node.nested(content, name, { name });
  }
}
