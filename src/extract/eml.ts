import { simpleParser } from 'mailparser';
import type { AddressObject, EmailAddress } from 'mailparser';
import { MamoriError } from '../core/index.js';
import { htmlToText } from './html.js';
import type { Handler } from './node.js';

const address = (e: EmailAddress): string =>
  e.group ? `${e.name}: ${e.group.map(address).join(', ')}` : e.name ? `${e.name} <${e.address ?? ''}>` : (e.address ?? '');

/** Addresses as `name <address>`, without the quoting mailparser's `text` adds. */
const addresses = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map(address)).join(', ');

/**
 * E-mail (RFC 822/MIME): Subject/From/To/Cc/Bcc/Reply-To as header parts, the text body (the HTML
 * body's text when there is no plain one), and every attachment one level deeper — attached
 * messages included. Charsets such as ISO-2022-JP are decoded by mailparser.
 *
 * @example
 * await emlHandler(node); // parts mail.eml/header/subject, mail.eml/body.txt, mail.eml/予算.xlsx/...
 */
export const emlHandler: Handler = async (node) => {
  const parsing = simpleParser(Buffer.from(node.bytes.buffer, node.bytes.byteOffset, node.bytes.byteLength), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const mail = await node.sink.budget.race(parsing).catch((e: unknown) => {
    if (e instanceof MamoriError) throw e;
    throw new MamoriError('ERR_PARSE', `unreadable e-mail: ${(e as Error).message}`, { cause: e });
  });
  const headers: [string, string][] = [
    ['subject', mail.subject ?? ''],
    ['from', addresses(mail.from)],
    ['to', addresses(mail.to)],
    ['cc', addresses(mail.cc)],
    ['bcc', addresses(mail.bcc)],
    ['reply-to', addresses(mail.replyTo)],
  ];
  for (const [name, value] of headers) node.sink.text(node.child(`header/${name}`), 'header', 'message/rfc822', value);
  if (mail.text) node.sink.text(node.child('body.txt'), 'body', 'message/rfc822', mail.text);
  else if (typeof mail.html === 'string') node.sink.text(node.child('body.html'), 'body', 'message/rfc822', htmlToText(mail.html));
  let index = 0;
  for (const a of mail.attachments) {
    index++;
    node.sink.budget.checkTime();
    const name = a.filename ?? `attachment-${index}`;
    await node.nested(a.content, name, { mediaType: a.contentType, name });
  }
};
