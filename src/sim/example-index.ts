import { normalizeWords } from './text-match.js';
import type { SimExample, WorldTask } from './world-task.js';

/** Words per n-gram when looking for quoted example questions. */
const GRAM = 6;
/** A gram shared by more examples than this is template text, not a quote of one example. */
const MAX_SHARED = 12;
/** Grams that must match before an example counts as quoted (fewer if its question has fewer). */
const MIN_MATCHES = 6;

/**
 * Finds examples by their user message (exact text, for task calls) and by quoted snippets of their
 * question (word n-grams, for the memorisation trap and the prompt agent's leaks). Built once per set
 * of tasks; rebuilt when a task is attached.
 */
export class ExampleIndex {
  private readonly byMessage = new Map<string, SimExample>();
  private readonly byGram = new Map<string, SimExample[]>();
  private readonly needed = new Map<SimExample, number>();
  private readonly sizes: number[];

  constructor(tasks: readonly WorldTask[]) {
    const sizes = new Set<number>();
    const grams = new Map<string, SimExample[]>();
    for (const task of tasks) {
      for (const ex of task.byId.values()) {
        const message = task.toUserMessage(ex.example);
        if (!this.byMessage.has(message)) this.byMessage.set(message, ex);
        if (!this.byMessage.has(ex.example.input)) this.byMessage.set(ex.example.input, ex);
        const words = normalizeWords(ex.example.input);
        if (words.length < 3) continue;
        const size = Math.min(GRAM, words.length);
        sizes.add(size);
        const own = new Set<string>();
        for (let i = 0; i + size <= words.length; i++) own.add(words.slice(i, i + size).join(' '));
        for (const g of own) {
          const list = grams.get(g);
          if (list === undefined) grams.set(g, [ex]);
          else list.push(ex);
        }
      }
    }
    for (const [g, list] of grams) {
      if (list.length > MAX_SHARED) continue;
      this.byGram.set(g, list);
      for (const ex of list) this.needed.set(ex, (this.needed.get(ex) ?? 0) + 1);
    }
    for (const [ex, count] of this.needed) this.needed.set(ex, Math.min(MIN_MATCHES, count));
    this.sizes = [...sizes].sort((a, b) => a - b);
  }

  /** The example whose user message (or raw input) is exactly `text`. */
  byUserMessage(text: string): SimExample | undefined {
    return this.byMessage.get(text);
  }

  /**
   * Examples whose question is quoted in `text`: enough of its word n-grams appear, at least one of
   * them found in no other example (template text shared by look-alike questions does not count).
   */
  quoted(text: string): SimExample[] {
    return this.quotedIn(normalizeWords(text));
  }

  /**
   * Examples quoted in `text` together with their answer: the answer's words occur in `text` more
   * often than in the question itself (so quoting a question that happens to contain "7" is not
   * quoting the answer 7).
   */
  quotedWithAnswer(text: string): SimExample[] {
    const words = normalizeWords(text);
    const quoted = this.quotedIn(words);
    if (quoted.length === 0) return quoted;
    return quoted.filter((ex) => {
      const answer = normalizeWords(ex.example.answer);
      return count(words, answer) > count(normalizeWords(ex.example.input), answer);
    });
  }

  private quotedIn(words: readonly string[]): SimExample[] {
    if (this.byGram.size === 0) return [];
    const hits = new Map<SimExample, Set<string>>();
    const distinctive = new Set<SimExample>();
    for (const size of this.sizes) {
      for (let i = 0; i + size <= words.length; i++) {
        const g = words.slice(i, i + size).join(' ');
        const list = this.byGram.get(g);
        if (list === undefined) continue;
        if (list.length === 1 && list[0] !== undefined) distinctive.add(list[0]);
        for (const ex of list) {
          let set = hits.get(ex);
          if (set === undefined) {
            set = new Set();
            hits.set(ex, set);
          }
          set.add(g);
        }
      }
    }
    const out: SimExample[] = [];
    for (const [ex, set] of hits) {
      if (distinctive.has(ex) && set.size >= (this.needed.get(ex) ?? Number.POSITIVE_INFINITY)) out.push(ex);
    }
    return out;
  }
}

/** Occurrences of the word sequence `seq` in `words`. */
function count(words: readonly string[], seq: readonly string[]): number {
  if (seq.length === 0) return 0;
  let n = 0;
  for (let i = 0; i + seq.length <= words.length; i++) {
    let match = true;
    for (let j = 0; j < seq.length && match; j++) match = words[i + j] === seq[j];
    if (match) n++;
  }
  return n;
}
