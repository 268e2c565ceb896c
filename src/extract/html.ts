import { Parser } from 'htmlparser2';

/** Elements whose content is not visible text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'object']);
/** Elements that end a line of visible text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tr', 'ul', 'title', 'caption',
]);

/**
 * Visible text of an HTML document: tags dropped, script/style skipped, entities decoded, block
 * elements and table cells as line and tab breaks. The title is kept although it sits in `head`.
 *
 * @example
 * htmlToText('<p>機密&amp;社外秘</p><script>x()</script>'); // '機密&社外秘'
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let hidden = 0;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (name === 'title') inTitle = true;
        else if (HIDDEN.has(name)) hidden++;
        if (name === 'td' || name === 'th') out.push('\t');
        else if (BLOCK.has(name)) out.push('\n');
      },
      ontext(text) {
        if (hidden === 0 || inTitle) out.push(text.replace(/[ \t\r\n\f\u00a0]+/g, ' '));
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        else if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (BLOCK.has(name)) out.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return out
    .join('')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}
