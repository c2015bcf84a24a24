import { describe, expect, it } from 'vitest';
import { DataError } from '../../errors.js';
import { parseCsv } from './parse-csv.js';

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv (RFC 4180)', () => {
  it('parses quoted fields with commas, doubled quotes and embedded newlines, CRLF or LF', () => {
    const table = parseCsv(
      '\uFEFFName,Note\r\n"Smith, J.","He said ""hi""\nthen left"\r\nPlain,x\n',
      'f.csv',
    );
    expect(table.header).toEqual(['Name', 'Note']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Smith, J.', 'He said "hi"\nthen left'] },
      { line: 4, cells: ['Plain', 'x'] },
    ]);
  });

  it('keeps empty fields and skips blank lines', () => {
    expect(parseCsv('a,b,c\n1,,3\n\n,,\n', 'f.csv').rows).toEqual([
      { line: 2, cells: ['1', '', '3'] },
      { line: 4, cells: ['', '', ''] },
    ]);
  });

  it('reports an unterminated quote at the line where the field starts, with the column name', () => {
    const error = errorOf(() => parseCsv('Question,Answer\nok,"never\nclosed', 'gpqa.csv'));
    expect(error).toMatchObject({ file: 'gpqa.csv', line: 2, field: 'Answer' });
    expect(error.message).toBe(
      'gpqa.csv:2: field "Answer": unterminated quoted field (a closing " is missing)',
    );
  });

  it('reports a quote inside an unquoted field and text after a closing quote', () => {
    expect(errorOf(() => parseCsv('a,b\n1,2"3\n', 'f.csv'))).toMatchObject({ line: 2, field: 'b' });
    expect(errorOf(() => parseCsv('a,b\n"x\ny"z,2\n', 'f.csv'))).toMatchObject({ line: 3, field: 'a' });
  });

  it('reports a row whose field count differs from the header', () => {
    const error = errorOf(() => parseCsv('a,b\n1,2\n1,2,3\n', 'f.csv'));
    expect(error.message).toBe('f.csv:3: expected 2 fields (as in the header), found 3');
  });

  it('rejects an empty file', () => {
    expect(() => parseCsv('', 'f.csv')).toThrow(/empty CSV/);
  });
});
