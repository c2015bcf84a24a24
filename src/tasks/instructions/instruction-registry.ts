import { IFBENCH_COUNT_VERIFIERS } from './ifbench-count-verifiers.js';
import { IFBENCH_CUSTOM_VERIFIERS } from './ifbench-custom-verifiers.js';
import { IFBENCH_FORMAT_VERIFIERS } from './ifbench-format-verifiers.js';
import { IFBENCH_SENTENCE_VERIFIERS } from './ifbench-sentence-verifiers.js';
import { IFBENCH_WORDS_VERIFIERS } from './ifbench-words-verifiers.js';
import { IFEVAL_CONTENT_VERIFIERS } from './ifeval-content-verifiers.js';
import { IFEVAL_FORMAT_VERIFIERS } from './ifeval-format-verifiers.js';
import { IFEVAL_KEYWORD_VERIFIERS } from './ifeval-keyword-verifiers.js';
import { IFEVAL_LENGTH_VERIFIERS } from './ifeval-length-verifiers.js';
import type { InstructionVerifier } from './verifier.js';

export type InstructionBenchmark = 'ifeval' | 'ifbench';

function byId(verifiers: readonly InstructionVerifier[]): ReadonlyMap<string, InstructionVerifier> {
  return new Map(verifiers.map((v) => [v.id, v]));
}

/** Every IFEval instruction id (the 25 of google-research's registry). */
export const IFEVAL_VERIFIERS = byId([
  ...IFEVAL_KEYWORD_VERIFIERS,
  ...IFEVAL_LENGTH_VERIFIERS,
  ...IFEVAL_FORMAT_VERIFIERS,
  ...IFEVAL_CONTENT_VERIFIERS,
]);

/** The IFBench instruction ids verified here (56 of its 58). */
export const IFBENCH_VERIFIERS = byId([
  ...IFBENCH_COUNT_VERIFIERS,
  ...IFBENCH_SENTENCE_VERIFIERS,
  ...IFBENCH_WORDS_VERIFIERS,
  ...IFBENCH_FORMAT_VERIFIERS,
  ...IFBENCH_CUSTOM_VERIFIERS,
]);

/**
 * IFBench ids that cannot be verified faithfully without the reference's trained models or data; an
 * example using one is excluded from the task (docs/ifbench-coverage.md).
 */
export const UNSUPPORTED_IFBENCH: Readonly<Record<string, string>> = {
  'words:start_verb':
    "needs NLTK's averaged-perceptron part-of-speech tagger to decide whether the first word is a verb",
  'words:odd_even_syllables': "needs syllapy's syllable dictionary; rule-based counts disagree on many words",
};

export function verifiersFor(benchmark: InstructionBenchmark): ReadonlyMap<string, InstructionVerifier> {
  return benchmark === 'ifeval' ? IFEVAL_VERIFIERS : IFBENCH_VERIFIERS;
}

/** Why an id is not verified: a known reason, or "unknown instruction id". */
export function unsupportedReason(benchmark: InstructionBenchmark, id: string): string {
  return (benchmark === 'ifbench' ? UNSUPPORTED_IFBENCH[id] : undefined) ?? 'unknown instruction id';
}
