import { type Grid, isGrid } from './arc-grid.js';

export interface GridParseOptions {
  /** Largest cell value (9). */
  readonly maxCell?: number;
  /** Characters read as an empty cell (value 0) in digit rows, e.g. ".", "_" for Sudoku. */
  readonly blanks?: string;
}

export interface FoundGrid {
  readonly grid: Grid;
  /** Offsets in the text: grids are ordered by where they end. */
  readonly start: number;
  readonly end: number;
}

/** A leading "Answer:" style label before a row ("Final answer: 534678912"). */
const LABEL = /^\s*(?:\*\*)?(?:final answer|answer|solution|output|result)(?:\*\*)?\s*[:：]\s*(?:\*\*)?/i;
const RULE_LINE = /^[\s|+:=_*-]*[-=][\s|+:=_*-]*$/;

/**
 * Every grid in a text, in order of their end: JSON arrays of rows (`[[0,1],[2,3]]`, on one line or
 * many) and blocks of consecutive digit rows (`0 1 2`, `012`, `0,1,2`, `| 0 | 1 |`); rule lines such as
 * `------+------` inside a block are skipped. Code fences and prose around them do not matter.
 */
export function findGrids(text: string, options: GridParseOptions = {}): FoundGrid[] {
  const maxCell = options.maxCell ?? 9;
  const found: FoundGrid[] = [];
  let masked = text;
  for (const json of findJsonGrids(text, maxCell)) {
    found.push(json);
    masked =
      masked.slice(0, json.start) +
      text.slice(json.start, json.end).replace(/[^\n]/g, ' ') +
      masked.slice(json.end);
  }
  found.push(...findRowBlocks(masked, maxCell, options.blanks ?? ''));
  return found.sort((a, b) => a.end - b.end || a.start - b.start);
}

/** The last grid of the text (see findGrids), or undefined. */
export function parseLastGrid(text: string, options: GridParseOptions = {}): Grid | undefined {
  return findGrids(text, options).at(-1)?.grid;
}

function findJsonGrids(text: string, maxCell: number): FoundGrid[] {
  const out: FoundGrid[] = [];
  const opener = /\[\s*\[/g;
  for (let match = opener.exec(text); match !== null; match = opener.exec(text)) {
    const start = match.index;
    const end = matchingBracket(text, start);
    if (end === undefined) continue;
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (isGrid(value, maxCell)) {
        out.push({ grid: value, start, end });
        opener.lastIndex = end;
      }
    } catch {
      // not JSON; keep scanning from the next bracket
    }
  }
  return out;
}

function matchingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    else if (ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch !== undefined && !/[\d\s,.-]/.test(ch)) return undefined;
  }
  return undefined;
}

/** A digit-row reader: the cells of a line, or undefined when the line is not a row of cells. */
function rowReader(blanks: string): (line: string) => number[] | undefined {
  const escaped = blanks.replace(/[\]\\^-]/g, '\\$&');
  const cell = new RegExp(escaped === '' ? '^\\d$' : `^[\\d${escaped}]$`);
  const cells = (text: string): number[] | undefined => {
    const body = text
      .replace(LABEL, '')
      .trim()
      .replace(/^[[(]+|[\])]*[,;]?$/g, '')
      .trim();
    if (body === '') return undefined;
    const tokens = body.split(/[\s,]+/).filter((t) => t !== '');
    const chars = tokens.length === 1 ? [...(tokens[0] ?? '')] : tokens;
    if (!chars.every((ch) => cell.test(ch))) return undefined;
    return chars.map((ch) => (/\d/.test(ch) ? Number(ch) : 0));
  };
  // "|" separates boxes or table cells: "534|678|912" and "| 5 | 3 | 4 |" are both rows.
  return (line) =>
    cells(line.replace(/\|/g, '')) ?? (line.includes('|') ? cells(line.replace(/\|/g, ' ')) : undefined);
}

function findRowBlocks(text: string, maxCell: number, blanks: string): FoundGrid[] {
  const out: FoundGrid[] = [];
  let rows: number[][] = [];
  let start = 0;
  let end = 0;
  const flush = (): void => {
    if (rows.length > 0 && isGrid(rows, maxCell)) out.push({ grid: rows, start, end });
    rows = [];
  };
  const readRow = rowReader(blanks);
  let offset = 0;
  for (const line of text.split('\n')) {
    const cells = readRow(line);
    if (cells !== undefined) {
      if (rows.length > 0 && cells.length !== rows[0]?.length) flush();
      if (rows.length === 0) start = offset;
      rows.push(cells);
      end = offset + line.length;
    } else if (!(rows.length > 0 && RULE_LINE.test(line))) flush();
    offset += line.length + 1;
  }
  flush();
  return out;
}
