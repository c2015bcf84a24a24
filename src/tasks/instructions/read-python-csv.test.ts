import { describe, expect, it } from 'vitest';
import { readPythonCsv } from './read-python-csv.js';

describe('readPythonCsv (Python csv.reader semantics)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(readPythonCsv('a,"b,c","say ""hi"""\n1,"two\nlines",3')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
  });

  it('yields blank lines as empty rows and ignores a final newline', () => {
    expect(readPythonCsv('a,b\n\nc,d\n')).toEqual([['a', 'b'], [], ['c', 'd']]);
  });

  it('keeps stray quotes and text after a closing quote, as the non-strict dialect does', () => {
    expect(readPythonCsv('x"y,"ab"c\n')).toEqual([['x"y', 'abc']]);
  });

  it('supports another delimiter, CRLF line ends and an unterminated quote at the end', () => {
    expect(readPythonCsv('a\tb\r\nc\t"d', '\t')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('returns undefined where Python raises (a bare CR inside an unquoted field)', () => {
    expect(readPythonCsv('a\rb\n')).toBeUndefined();
  });
});
