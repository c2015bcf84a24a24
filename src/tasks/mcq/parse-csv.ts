import { DataError } from '../../errors.js';

export interface CsvRow {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Parses RFC 4180 CSV: comma-separated fields, records ending in CRLF or LF, fields in double quotes may
 * hold commas, line breaks and doubled quotes (""). A leading byte-order mark and blank lines are
 * ignored. The first record is the header; every record must have as many fields as the header. Errors
 * are DataErrors naming the file, the line and the field (its header name, else its column number).
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records: Array<{ line: number; cells: string[] }> = [];
  let header: string[] | undefined;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fieldName = (index: number): string => header?.[index] ?? `column ${index + 1}`;

  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    // Blank line: skip.
    if (text[i] === '\n' || text[i] === '\r') {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= text.length) {
            throw new DataError(
              file,
              'unterminated quoted field (a closing " is missing)',
              quoteLine,
              fieldName(cells.length),
            );
          }
          const ch = text[i] as string;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          else if (ch === '\r' && text[i + 1] !== '\n') line++;
          value += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new DataError(
            file,
            `unexpected ${JSON.stringify(next)} after a closing quote (write "" for a quote inside a quoted field)`,
            line,
            fieldName(cells.length),
          );
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') {
            throw new DataError(
              file,
              'a double quote inside an unquoted field (quote the whole field and double the quote)',
              line,
              fieldName(cells.length),
            );
          }
          value += text[i];
          i++;
        }
      }
      cells.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (header === undefined) header = cells.map((c) => c.trim());
    else if (cells.length !== header.length) {
      throw new DataError(
        file,
        `expected ${header.length} fields (as in the header), found ${cells.length}`,
        start,
      );
    } else records.push({ line: start, cells });
  }
  if (header === undefined) throw new DataError(file, 'empty CSV file (no header row)');
  return { header, rows: records };
}
