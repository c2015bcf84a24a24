import { ConfigError, isSepoError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';

/**
 * Asks a judge model one question and returns its reply. Scorers never call models themselves: the
 * caller injects this function. The CLI wires it to `engine.complete` (the run's engine, or one for
 * `--judge-model`), so judge calls share the engine's cache, retries, rate limits and budget ledger.
 */
export type JudgeFn = (prompt: string) => Promise<string>;

export interface LlmJudgeOptions {
  /** What a good response does; the judge grades against it (required). */
  readonly rubric: string;
  readonly judge: JudgeFn;
}

/** The system prompt the CLI gives the judge model. */
export const JUDGE_SYSTEM_PROMPT =
  'You are a strict, fair grader. Follow the rubric exactly and end with the requested score line.';

export function judgePrompt(rubric: string, example: Example, response: string): string {
  return [
    'Grade the response to the task below against the rubric.',
    '',
    '## Rubric',
    rubric.trim(),
    '',
    '## Task',
    example.input.trim(),
    '',
    '## Reference answer',
    example.answer.trim() === '' ? '(none)' : example.answer.trim(),
    '',
    '## Response to grade',
    response.trim() === '' ? '(empty response)' : response.trim(),
    '',
    'Explain in two or three sentences what the response does well and what it misses, then end with',
    'one line "SCORE: <n>/10" where n is an integer from 0 (fails the rubric) to 10 (fully meets it).',
  ].join('\n');
}

/** The score in a judge reply, in [0, 1]: the last "SCORE: n/10" (or "n/m", or a bare n in [0, 1]). */
export function parseJudgeScore(reply: string): number | undefined {
  const matches = [
    ...reply.matchAll(/score\s*[:=]\s*\**\s*(\d+(?:\.\d+)?)\s*\**\s*(?:\/\s*(\d+(?:\.\d+)?))?/gi),
  ];
  const last = matches[matches.length - 1];
  if (last?.[1] === undefined) return undefined;
  const value = Number(last[1]);
  const scale = last[2] !== undefined ? Number(last[2]) : value <= 1 ? 1 : 10;
  if (!Number.isFinite(value) || !(scale > 0)) return undefined;
  return Math.min(1, Math.max(0, value / scale));
}

function rationale(reply: string): string {
  const text = reply
    .replace(/score\s*[:=][^\n]*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 600 ? `${text.slice(0, 600)}...` : text;
}

/** A rubric graded by a judge model; the judge's explanation is the feedback the prompt agent reads. */
export function createLlmJudgeScorer(options: LlmJudgeOptions): Scorer {
  if (options.rubric.trim() === '') throw new ConfigError('--rubric', 'the llm-judge scorer needs a rubric');
  return {
    name: 'llm-judge',
    async score(example: Example, response: string): Promise<ScoreResult> {
      let reply: string;
      try {
        reply = await options.judge(judgePrompt(options.rubric, example, response));
      } catch (error) {
        // Budget, cancellation and configuration errors stop the run; anything else is this example's failure.
        if (isSepoError(error) && error.name !== 'ModelCallError') throw error;
        const reason = error instanceof Error ? error.message : String(error);
        return { score: 0, feedback: `The judge call failed: ${reason}`, failure: `judge error: ${reason}` };
      }
      const score = parseJudgeScore(reply);
      if (score === undefined) {
        return {
          score: 0,
          feedback: `The judge gave no score line. Judge said: ${rationale(reply)}`,
          failure: 'unparsable: judge reply has no score',
        };
      }
      return {
        score,
        extracted: `${Math.round(score * 10)}/10`,
        feedback: `Judge score ${Math.round(score * 100) / 10}/10. ${rationale(reply)}`,
      };
    },
  };
}
