import type { ReportModel } from './model.js';

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function mdText(s: string): string {
  // Leading characters that Markdown would read as structure are escaped; line breaks stay within the paragraph.
  return s.replace(/[\r\n]+/g, ' ').replace(/^([#>*+-])/, '\\$1');
}

/**
 * The report as Markdown.
 *
 * @example
 * writeFileAtomic('report.md', renderMarkdown(model));
 */
export function renderMarkdown(m: ReportModel): string {
  const out = [`# ${mdText(m.title)}`, ''];
  for (const s of m.sections) {
    out.push(`## ${mdText(s.heading)}`, '');
    for (const p of s.paragraphs) out.push(mdText(p), '');
    if (s.table && s.table.rows.length) {
      out.push(`| ${s.table.headers.map(mdCell).join(' | ')} |`, `|${s.table.headers.map(() => '---').join('|')}|`);
      for (const r of s.table.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The report as a self-contained HTML page (no scripts, no external resources).
 *
 * @example
 * writeFileAtomic('report.html', renderHtml(model));
 */
export function renderHtml(m: ReportModel): string {
  const parts = [
    '<!doctype html>',
    '<html lang="ja">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(m.title)}</title>`,
    '<style>body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem;line-height:1.5}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top;text-align:left}th{background:#eee}</style>',
    '</head>',
    '<body>',
    `<h1>${esc(m.title)}</h1>`,
  ];
  for (const s of m.sections) {
    parts.push(`<section><h2>${esc(s.heading)}</h2>`);
    for (const p of s.paragraphs) parts.push(`<p>${esc(p)}</p>`);
    if (s.table && s.table.rows.length) {
      parts.push(`<table><thead><tr>${s.table.headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
      for (const r of s.table.rows) parts.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
      parts.push('</tbody></table>');
    }
    parts.push('</section>');
  }
  parts.push('</body>', '</html>');
  return `${parts.join('\n')}\n`;
}
