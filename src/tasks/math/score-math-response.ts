import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { parseAnswerShape } from './answer-structure.js';
import {
  describeMethod,
  type ExtractedAnswer,
  type ExtractionMethod,
  extractMathAnswer,
} from './extract-math-answer.js';
import { boxesOf, lastRun, mathSpansOf } from './latex-spans.js';
import { mathEquivalent } from './math-equivalence.js';
import { normalizeLatex } from './normalize-latex.js';

/** What the math scorer read and compared, for `sepo score --explain` and for feedback. */
export interface MathScoreExplanation {
  readonly extracted?: string;
  readonly method: ExtractionMethod | 'none';
  /** The passage of the response the answer was read from. */
  readonly source?: string;
  /** The reference answer used (the boxed part when the reference is a worked solution). */
  readonly reference: string;
  /** Both answers after LaTeX normalisation: what was compared. */
  readonly normalized?: { readonly predicted: string; readonly reference: string };
  readonly equal: boolean;
  readonly reason: string;
}

export interface MathScore {
  readonly result: ScoreResult;
  readonly explanation: MathScoreExplanation;
}

/**
 * The answer a reference states: itself when it is an answer; its last run of boxes when it is a
 * worked solution with boxes; the answer read from it (as from a response) when it is prose without
 * boxes ("... Final Answer: The final answer is $28\%$. I hope it is correct.").
 */
export function referenceAnswer(reference: string): string {
  const boxes = boxesOf(reference).filter((b) => b.content !== '');
  if (boxes.length > 0) {
    return lastRun(reference, boxes)
      .map((b) => b.content)
      .join(', ');
  }
  const outsideMath = mathSpansOf(reference).reduceRight(
    (text, span) => text.slice(0, span.start) + text.slice(span.end),
    reference,
  );
  if (
    !/[a-zA-Z]{2,}\s+[a-zA-Z]{2,}\s+[a-zA-Z]{2,}/.test(outsideMath.replace(/\\[a-zA-Z]+(?:\{[^{}]*\})?/g, ''))
  ) {
    return reference;
  }
  return extractMathAnswer(reference)?.answer ?? reference;
}

/** Whether an answer is several values (a list, set or tuple), so several boxes may form it. */
export function isListAnswer(answer: string): boolean {
  const shape = parseAnswerShape(normalizeLatex(answer));
  const value = shape.kind === 'labelled' ? shape.value : shape;
  return (value.kind === 'set' || value.kind === 'seq') && value.items.length > 1;
}

/**
 * Boxes in a row that all state one value ("$\boxed{15\frac{39}{40}}$ or $\boxed{\frac{639}{40}}$") are
 * that value, not a list, when a single value is expected.
 */
function sameValueTwice(found: ExtractedAnswer | undefined, list: boolean): ExtractedAnswer | undefined {
  const items = found?.items;
  const last = items?.at(-1);
  if (found === undefined || list || items === undefined || last === undefined) return found;
  if (!items.every((item) => mathEquivalent(item, last).equal)) return found;
  return { answer: last, method: found.method, source: found.source };
}

/**
 * Scores a free-text math response against a reference: the answer is extracted (see
 * `extractMathAnswer`) and compared by mathematical equivalence (see `mathEquivalent`). The feedback
 * says where the answer was read, what it was, what was expected and why they differ.
 */
export function scoreMathResponse(response: string, rawReference: string): MathScore {
  const reference = referenceAnswer(rawReference);
  const list = isListAnswer(reference);
  const found = sameValueTwice(extractMathAnswer(response, { list }), list);
  if (found === undefined) {
    const reason = 'no final answer found';
    return {
      result: {
        score: 0,
        feedback: `No final answer found: the response has no \\boxed{}, no "Answer:" line, no LaTeX math and no number standing alone. The reference answer is "${reference}". End with the final answer in \\boxed{}.`,
        failure: `unparsable: ${reason}`,
      },
      explanation: { method: 'none', reference, equal: false, reason },
    };
  }
  const verdict = mathEquivalent(found.answer, reference);
  const where = describeMethod(found.method);
  const explanation: MathScoreExplanation = {
    extracted: found.answer,
    method: found.method,
    source: found.source,
    reference,
    ...(verdict.forms === undefined ? {} : { normalized: verdict.forms }),
    equal: verdict.equal,
    reason: verdict.reason,
  };
  if (verdict.equal) {
    return {
      result: {
        score: 1,
        extracted: found.answer,
        feedback: `Correct: the answer from ${where} is "${found.answer}", equal to the reference "${reference}".`,
      },
      explanation,
    };
  }
  const hint = found.method === 'boxed' ? '' : ' Put the final answer in \\boxed{}.';
  return {
    result: {
      score: 0,
      extracted: found.answer,
      feedback: `Incorrect: the answer from ${where} is "${found.answer}" but the reference answer is "${reference}" (${verdict.reason}).${hint}`,
    },
    explanation,
  };
}

/** The `math` scorer: `scoreMathResponse` on each example's reference answer. */
export const mathAnswerScorer: Scorer = {
  name: 'math',
  score(example: Example, response: string): ScoreResult {
    return scoreMathResponse(response, example.answer).result;
  },
};
