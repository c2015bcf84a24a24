import { type AnswerShape, parseAnswerShape } from './answer-structure.js';
import { parseMath } from './math-parser.js';
import { normalizeLatex } from './normalize-latex.js';

function scalarsOf(shape: AnswerShape): string[] {
  switch (shape.kind) {
    case 'scalar':
      return [shape.text];
    case 'seq':
    case 'set':
      return shape.items.flatMap(scalarsOf);
    case 'matrix':
      return shape.rows.flatMap((row) => row.flatMap(scalarsOf));
    case 'equation':
    case 'relation':
      return [...shape.sides];
    case 'labelled':
      return scalarsOf(shape.value);
  }
}

/**
 * Whether an extracted answer can be read: every part of it parses as mathematics or is plain text
 * (words, `204_5`). LaTeX the parser does not know (`\sum_{k=0}^n k`, `\overrightarrow{P}`) cannot.
 */
export function isReadable(answer: string): boolean {
  const text = normalizeLatex(answer);
  if (text === '') return false;
  return scalarsOf(parseAnswerShape(text)).every((part) => {
    if (!/\\[a-zA-Z]/.test(part)) return true;
    try {
      parseMath(part);
      return true;
    } catch {
      return false;
    }
  });
}
