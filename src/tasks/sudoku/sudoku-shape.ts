/** A classic Sudoku layout: `size` x `size` cells, boxes of `boxRows` x `boxCols`, digits 1..size. */
export interface SudokuShape {
  readonly size: number;
  readonly boxRows: number;
  readonly boxCols: number;
}

/** Cells row by row; 0 is an empty cell. */
export type Board = readonly number[];

/** 4 -> 2x2 boxes, 6 -> 2x3 (two rows, three columns), 8 -> 2x4, 9 -> 3x3. Sizes 4 to 9 with a box shape. */
export function sudokuShape(size: number): SudokuShape {
  if (!Number.isInteger(size) || size < 4 || size > 9)
    throw new RangeError(`Sudoku size must be 4..9, got ${size}`);
  for (let boxRows = Math.floor(Math.sqrt(size)); boxRows >= 2; boxRows--) {
    if (size % boxRows === 0) return { size, boxRows, boxCols: size / boxRows };
  }
  throw new RangeError(`no box shape for a ${size}x${size} Sudoku`);
}

/** Index of the box holding cell (row, col), boxes numbered row by row from 0. */
export function boxOf(shape: SudokuShape, row: number, col: number): number {
  const boxesPerBand = shape.size / shape.boxCols;
  return Math.floor(row / shape.boxRows) * boxesPerBand + Math.floor(col / shape.boxCols);
}

/** `r3c5`: row 3, column 5, counted from 1 at the top left (Sudoku-Bench's convention). */
export function cellName(shape: SudokuShape, index: number): string {
  return `r${Math.floor(index / shape.size) + 1}c${(index % shape.size) + 1}`;
}

/** Reads `..3..5` style strings ('.' or '0' empty); digits up to `maxDigit` (variants may use 1-9 on small grids). */
export function parseBoard(text: string, shape: SudokuShape, maxDigit = shape.size): number[] {
  const chars = [...text.trim()];
  if (chars.length !== shape.size * shape.size) {
    throw new RangeError(`expected ${shape.size * shape.size} cells, got ${chars.length}`);
  }
  return chars.map((ch) => {
    if (ch === '.' || ch === '0') return 0;
    const d = Number(ch);
    if (!Number.isInteger(d) || d < 1 || d > maxDigit) throw new RangeError(`bad cell "${ch}"`);
    return d;
  });
}

export function boardToString(board: Board): string {
  return board.map((d) => (d === 0 ? '.' : String(d))).join('');
}

/** Rows of spaced digits ('.' empty) with `|` between boxes and a rule line between bands of boxes. */
export function renderBoard(board: Board, shape: SudokuShape): string {
  const lines: string[] = [];
  for (let r = 0; r < shape.size; r++) {
    if (r > 0 && r % shape.boxRows === 0) {
      lines.push(
        Array.from({ length: shape.size / shape.boxCols }, () => '-'.repeat(shape.boxCols * 2 - 1)).join(
          '-+-',
        ),
      );
    }
    const groups: string[] = [];
    for (let c = 0; c < shape.size; c += shape.boxCols) {
      groups.push(
        board
          .slice(r * shape.size + c, r * shape.size + c + shape.boxCols)
          .map((d) => (d === 0 ? '.' : String(d)))
          .join(' '),
      );
    }
    lines.push(groups.join(' | '));
  }
  return lines.join('\n');
}
