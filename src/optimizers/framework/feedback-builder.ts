import type { Example } from '../../spec/example.js';
import type { ScoredRollout } from '../../spec/rollout.js';
import type { Rng } from '../../util/rng.js';

export interface FeedbackOptions {
  /** Examples shown in total, split 1:1 between failures and successes when both exist (default 6). */
  readonly examples: number;
  /** Approximate token budget of the whole feedback text (characters / 4; default 3000). */
  readonly maxTokens: number;
  /** Characters kept of each model response (its end, where the answer is; default 600). */
  readonly responseChars: number;
}

export const DEFAULT_FEEDBACK: FeedbackOptions = { examples: 6, maxTokens: 3000, responseChars: 600 };

export interface FeedbackItem {
  readonly example: Example;
  readonly rollout: ScoredRollout;
  readonly userMessage: string;
}

/**
 * Picks a balanced sample (failures and successes 1:1, filling from the other side when one runs
 * short) and renders it as text the prompt agent reads: input, model response (tail), scorer feedback.
 */
export function buildFeedback(
  items: readonly FeedbackItem[],
  rng: Rng,
  options: FeedbackOptions = DEFAULT_FEEDBACK,
): string {
  const failures = rng.shuffle(items.filter((i) => i.rollout.score < 1));
  const successes = rng.shuffle(items.filter((i) => i.rollout.score >= 1));
  const half = Math.ceil(options.examples / 2);
  const takeFailures = Math.min(failures.length, Math.max(half, options.examples - successes.length));
  const takeSuccesses = Math.min(successes.length, options.examples - takeFailures);
  const chosen = [...failures.slice(0, takeFailures), ...successes.slice(0, takeSuccesses)];
  const budgetChars = options.maxTokens * 4;
  const blocks: string[] = [];
  let used = 0;
  for (const item of chosen) {
    const block = renderItem(item, options.responseChars);
    if (used + block.length > budgetChars && blocks.length > 0) break;
    blocks.push(block.length > budgetChars ? `${block.slice(0, budgetChars)}\n[truncated]` : block);
    used += block.length;
  }
  const total = items.length;
  const correct = items.filter((i) => i.rollout.score >= 1).length;
  return [`Results on this minibatch: ${correct}/${total} correct.`, ...blocks].join('\n\n');
}

function tail(text: string, chars: number): string {
  return text.length <= chars ? text : `[...]${text.slice(text.length - chars)}`;
}

function renderItem(item: FeedbackItem, responseChars: number): string {
  const verdict = item.rollout.score >= 1 ? 'CORRECT' : 'WRONG';
  return [
    `<example id="${item.example.id}" verdict="${verdict}">`,
    `Input: ${tail(item.userMessage, 800)}`,
    `Model response: ${tail(item.rollout.response, responseChars)}`,
    `Scorer feedback: ${item.rollout.feedback}`,
    '</example>',
  ].join('\n');
}
