/**
 * One CSV cell, RFC 4180 and spreadsheet-safe: a number as it is (finite; NaN/Infinity empty),
 * null/undefined empty, text that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a CR) prefixed with `'`, then quoted when it holds a comma, quote, CR or LF
 * (quotes doubled).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of `columns` from `record`, ending in CRLF. */
export function csvLine(columns: readonly string[], record: Readonly<Record<string, unknown>>): string {
  return `${columns.map((c) => csvCell(record[c])).join(',')}\r\n`;
}
