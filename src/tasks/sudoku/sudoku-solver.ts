import type { Rng } from '../../util/rng.js';
import { type Board, boxOf, type SudokuShape } from './sudoku-shape.js';

interface SearchState {
  readonly cells: number[];
  readonly rows: number[];
  readonly cols: number[];
  readonly boxes: number[];
  readonly boxIndex: readonly number[];
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/** Bitmask state of a board, or undefined when its givens already clash. */
function initialState(board: Board, shape: SudokuShape): SearchState | undefined {
  const n = shape.size;
  const state: SearchState = {
    cells: [...board],
    rows: new Array<number>(n).fill(0),
    cols: new Array<number>(n).fill(0),
    boxes: new Array<number>(n).fill(0),
    boxIndex: Array.from({ length: n * n }, (_, i) => boxOf(shape, Math.floor(i / n), i % n)),
  };
  for (let i = 0; i < n * n; i++) {
    const d = state.cells[i] ?? 0;
    if (d === 0) continue;
    const bit = 1 << d;
    const r = Math.floor(i / n);
    const c = i % n;
    const b = state.boxIndex[i] ?? 0;
    if (((state.rows[r] ?? 0) | (state.cols[c] ?? 0) | (state.boxes[b] ?? 0)) & bit) return undefined;
    state.rows[r] = (state.rows[r] ?? 0) | bit;
    state.cols[c] = (state.cols[c] ?? 0) | bit;
    state.boxes[b] = (state.boxes[b] ?? 0) | bit;
  }
  return state;
}

/**
 * Depth-first search choosing the empty cell with the fewest candidates. Calls `onSolution` for each
 * solution until it returns false. With `rng`, candidates are tried in random order.
 */
function search(
  state: SearchState,
  shape: SudokuShape,
  onSolution: (cells: number[]) => boolean,
  rng?: Rng,
): boolean {
  const n = shape.size;
  const full = ((1 << (n + 1)) - 1) & ~1;
  let best = -1;
  let bestMask = 0;
  let bestCount = n + 1;
  for (let i = 0; i < n * n; i++) {
    if (state.cells[i] !== 0) continue;
    const r = Math.floor(i / n);
    const mask =
      full & ~((state.rows[r] ?? 0) | (state.cols[i % n] ?? 0) | (state.boxes[state.boxIndex[i] ?? 0] ?? 0));
    const count = bitCount(mask);
    if (count < bestCount) {
      best = i;
      bestMask = mask;
      bestCount = count;
      if (count <= 1) break;
    }
  }
  if (best < 0) return onSolution([...state.cells]);
  if (bestCount === 0) return true;
  const digits: number[] = [];
  for (let d = 1; d <= n; d++) if (bestMask & (1 << d)) digits.push(d);
  const r = Math.floor(best / n);
  const c = best % n;
  const b = state.boxIndex[best] ?? 0;
  for (const d of rng === undefined ? digits : rng.shuffle(digits)) {
    const bit = 1 << d;
    state.cells[best] = d;
    state.rows[r] = (state.rows[r] ?? 0) | bit;
    state.cols[c] = (state.cols[c] ?? 0) | bit;
    state.boxes[b] = (state.boxes[b] ?? 0) | bit;
    const go = search(state, shape, onSolution, rng);
    state.cells[best] = 0;
    state.rows[r] = (state.rows[r] ?? 0) & ~bit;
    state.cols[c] = (state.cols[c] ?? 0) & ~bit;
    state.boxes[b] = (state.boxes[b] ?? 0) & ~bit;
    if (!go) return false;
  }
  return true;
}

/** Number of solutions of a classic Sudoku, counting no further than `limit` (2 decides uniqueness). */
export function countSolutions(board: Board, shape: SudokuShape, limit = 2): number {
  const state = initialState(board, shape);
  if (state === undefined) return 0;
  let count = 0;
  search(state, shape, () => {
    count++;
    return count < limit;
  });
  return count;
}

/** A solution (the first found, or a random one with `rng`), or undefined when there is none. */
export function solveSudoku(board: Board, shape: SudokuShape, rng?: Rng): number[] | undefined {
  const state = initialState(board, shape);
  if (state === undefined) return undefined;
  let solution: number[] | undefined;
  search(
    state,
    shape,
    (cells) => {
      solution = cells;
      return false;
    },
    rng,
  );
  return solution;
}
