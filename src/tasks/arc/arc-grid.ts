/** A rectangular grid of cells (ARC colours 0-9, Sudoku digits). Rows first. */
export type Grid = readonly (readonly number[])[];

/** Text formats a grid can be written in; the parser accepts all of them. */
export type GridFormat = 'spaced' | 'compact' | 'json' | 'json-rows';

/** Non-empty, rectangular, integer cells in [0, maxCell]. */
export function isGrid(value: unknown, maxCell = 9): value is Grid {
  if (!Array.isArray(value) || value.length === 0) return false;
  const width = Array.isArray(value[0]) ? value[0].length : 0;
  if (width === 0) return false;
  return value.every(
    (row) =>
      Array.isArray(row) &&
      row.length === width &&
      row.every((cell) => Number.isInteger(cell) && cell >= 0 && cell <= maxCell),
  );
}

/**
 * `spaced`: rows of digits separated by spaces (`0 1 2`); `compact`: rows of digits (`012`);
 * `json`: one-line JSON (`[[0,1],[2,3]]`); `json-rows`: JSON with one row a line.
 */
export function gridToText(grid: Grid, format: GridFormat = 'spaced'): string {
  switch (format) {
    case 'spaced':
      return grid.map((row) => row.join(' ')).join('\n');
    case 'compact':
      return grid.map((row) => row.join('')).join('\n');
    case 'json':
      return JSON.stringify(grid);
    case 'json-rows':
      return `[\n${grid.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}\n]`;
  }
}

/** "rows x columns". */
export function gridShape(grid: Grid): string {
  return `${grid.length}x${grid[0]?.length ?? 0}`;
}

export function gridsEqual(a: Grid, b: Grid): boolean {
  return (
    a.length === b.length &&
    a.every((row, r) => {
      const other = b[r];
      return other !== undefined && row.length === other.length && row.every((cell, c) => cell === other[c]);
    })
  );
}
