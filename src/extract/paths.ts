/**
 * Joins container path segments. Names from archives are labels only — never used on a file system —
 * so `../../x` stays as written; only separators are normalised and overlong names are cut.
 *
 * @example
 * joinPath('report.zip', '2024\\予算.docx', 255); // 'report.zip/2024/予算.docx'
 */
export function joinPath(parent: string, name: string, maxNameChars: number): string {
  const clean = name.replace(/\\/g, '/').replace(/\0/g, '');
  const cut = clean.length > maxNameChars ? `${clean.slice(0, maxNameChars)}…` : clean;
  return parent === '' ? cut : `${parent}/${cut}`;
}

/**
 * Last segment of a path, for format hints.
 *
 * @example
 * baseName('a.zip/b/c.docx'); // 'c.docx'
 */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
