import { DataError } from '../../errors.js';

/** One CSV data row as header -> cell, with the 1-based line where the row starts. */
export interface CsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * RFC 4180 CSV: comma-separated, double-quoted cells may hold commas, quotes ("") and newlines. The
 * first row is the header. A row with a different number of cells is a DataError naming its line.
 */
export function parseCsv(text: string, path: string): CsvRow[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new DataError(path, 'unterminated quoted cell', rowLine);
  if (cell !== '' || cells.length > 0) endRow();
  const [header, ...data] = rows;
  if (header === undefined) throw new DataError(path, 'empty CSV file');
  const names = header.cells.map((h) => h.trim());
  return data.map((row) => {
    if (row.cells.length !== names.length) {
      throw new DataError(
        path,
        `expected ${names.length} cells (as the header), found ${row.cells.length}`,
        row.line,
      );
    }
    const record: Record<string, string> = {};
    names.forEach((name, k) => {
      record[name] = row.cells[k] ?? '';
    });
    return { line: row.line, cells: record };
  });
}
