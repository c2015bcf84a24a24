import { describe, expect, it } from 'vitest';
import type { Example } from '../../spec/example.js';
import { createRng } from '../../util/rng.js';
import { answersMatch, extractAnswer } from './answers.js';
import { GENERATORS } from './generators.js';

const DIGIT = /\d/;

describe('synthetic generators', () => {
  for (const gen of Object.values(GENERATORS)) {
    describe(gen.name, () => {
      const rng = createRng(11);
      const examples: Example[] = Array.from({ length: 60 }, (_, i) => ({
        id: `e${i}`,
        ...gen.generate(rng),
      }));

      it('writes questions with non-empty answers and a reasoning that ends in the shown answer', () => {
        for (const ex of examples) {
          expect(ex.input.length).toBeGreaterThan(10);
          expect(ex.answer).not.toBe('');
          const text = `${gen.reasoning(ex, ex.answer)}\nAnswer: ${ex.answer}`;
          const extracted = extractAnswer(text, gen.answerType);
          expect(extracted).toBeDefined();
          expect(answersMatch(ex.answer, extracted ?? '', gen.answerType)).toBe(true);
        }
      });

      it('produces plausible wrong answers that never match the reference', () => {
        const wrongRng = createRng(5);
        for (const ex of examples) {
          for (let k = 0; k < 5; k++) {
            const wrong = gen.wrongAnswer(ex, wrongRng);
            expect(answersMatch(ex.answer, wrong, gen.answerType)).toBe(false);
          }
        }
      });

      it('has a vague reasoning with no digit, so an unparsable response has no final number', () => {
        expect(DIGIT.test(gen.vagueReasoning)).toBe(false);
        expect(extractAnswer(gen.vagueReasoning, gen.answerType)).toBeUndefined();
      });

      it('is deterministic in its rng', () => {
        const a = gen.generate(createRng(3));
        const b = gen.generate(createRng(3));
        expect(a).toEqual(b);
      });
    });
  }

  it('computes known answers', () => {
    const unit = GENERATORS['unit-conversion'];
    const unitRng = createRng(9);
    for (let i = 0; i < 20; i++) {
      const ex = unit.generate(unitRng);
      expect(Number(ex.answer)).toBeCloseTo(Number(ex.meta.value) * Number(ex.meta.factor), 6);
    }
    const dates = GENERATORS['date-arithmetic'];
    const rng = createRng(4);
    for (let i = 0; i < 20; i++) {
      const d = dates.generate(rng);
      const start = Date.parse(`${d.meta.start}T00:00:00Z`);
      const end = Date.parse(`${d.answer}T00:00:00Z`);
      const sign = d.meta.direction === 'forward' ? 1 : -1;
      expect((end - start) / 86_400_000).toBe(sign * Number(d.meta.days));
    }
  });
});

describe('extractAnswer / answersMatch', () => {
  it('takes the last Answer line, falls back to the last number only for numeric answers', () => {
    expect(extractAnswer('Answer: 3\nmore\n**Answer:** 42.', 'number')).toBe('42');
    expect(extractAnswer('so it is 17 apples', 'number')).toBe('17');
    expect(extractAnswer('so it is 17 apples', 'text')).toBeUndefined();
    expect(extractAnswer('no digits here', 'number')).toBeUndefined();
  });

  it('compares numbers numerically, lists element-wise and text exactly', () => {
    expect(answersMatch('3500', '3,500 metres', 'number')).toBe(true);
    expect(answersMatch('2.5', '2.50', 'number')).toBe(true);
    expect(answersMatch('3, 7, 19', '3,7,19', 'list')).toBe(true);
    expect(answersMatch('3, 7, 19', '3, 19, 7', 'list')).toBe(false);
    expect(answersMatch('tenalp', '"tenalp"', 'text')).toBe(true);
    expect(answersMatch('TENALP', 'tenalp', 'text')).toBe(false);
  });
});
