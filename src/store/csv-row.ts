/** A CSV cell value; null and undefined become an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV record per RFC 4180, terminated by CRLF: a field containing a comma, a double quote, CR or
 * LF is enclosed in double quotes, with inner quotes doubled. Other fields are written bare.
 *
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR, as
 * model responses may) gets a leading single quote, as OWASP recommends against CSV injection; the
 * spreadsheet then shows it as text. Numbers are written as they are. JSON exports stay raw.
 */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
