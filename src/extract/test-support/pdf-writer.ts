export interface PdfInput {
  /** Text of each page (ASCII; lines split on `\n`), set in Helvetica. */
  readonly pages: readonly string[];
  readonly title?: string;
  /** Extra entries of the information dictionary (Office writes MSIP labels here). */
  readonly info?: Readonly<Record<string, string>>;
  /** Adds a standard-security /Encrypt dictionary whose user password is not empty. */
  readonly encrypted?: boolean;
}

const pdfString = (s: string): string => `(${s.replace(/([\\()])/g, '\\$1')})`;

/**
 * Writes a small valid PDF by hand: catalog, page tree, one content stream per page, a standard
 * Type 1 font, a correct cross-reference table.
 *
 * @example
 * makePdf({ pages: ['CONFIDENTIAL\nProject X'] });
 */
export function makePdf(input: PdfInput): Buffer {
  const objects: string[] = [];
  const n = input.pages.length;
  const fontId = 3 + 2 * n;
  const infoId = fontId + 1;
  const encryptId = infoId + 1;
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${input.pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`);
  input.pages.forEach((text, i) => {
    const lines = text.split('\n').map((l, j) => `${j === 0 ? '' : '0 -16 Td '}${pdfString(l)} Tj`).join('\n');
    const stream = `BT /F1 12 Tf 72 720 Td\n${lines}\nET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${4 + 2 * i} 0 R /Resources << /Font << /F1 ${fontId} 0 R >> >> >>`);
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const extra = Object.entries(input.info ?? {}).map(([k, v]) => ` /${k} ${pdfString(v)}`).join('');
  objects.push(`<< /Title ${pdfString(input.title ?? '')} /Producer (mamori tests)${extra} >>`);
  if (input.encrypted) {
    const hex = (seed: number): string => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
    objects.push(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex(7)}> /U <${hex(11)}> /P -44 >>`);
  }
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const encrypt = input.encrypted ? ` /Encrypt ${encryptId} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]` : '';
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
