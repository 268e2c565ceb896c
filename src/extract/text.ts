import type { Handler } from './node.js';
import { decodeText } from './text-decode.js';
import { htmlToText } from './html.js';

/**
 * Plain text and CSV: detect the encoding, decode.
 *
 * @example
 * await textHandler(node); // one body part with the decoded text
 */
export const textHandler: Handler = async (node) => {
  node.sink.text(node.path, 'body', node.mediaType, decodeText(node.bytes).text);
};

/**
 * HTML: decode, then keep the visible text only.
 *
 * @example
 * await htmlHandler(node); // '<p>秘</p>' → '秘'
 */
export const htmlHandler: Handler = async (node) => {
  node.sink.text(node.path, 'body', 'text/html', htmlToText(decodeText(node.bytes).text));
};
