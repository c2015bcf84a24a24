/** A CSV cell value; null and undefined become an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV record per RFC 4180, terminated by CRLF: a field containing a comma, a double quote, CR or
 * LF is enclosed in double quotes, with inner quotes doubled. Other fields are written bare.
 */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
