import { describe, expect, it } from 'vitest';
import { evaluateMath } from './math-evaluate.js';
import { parseMath, variablesOf } from './math-parser.js';
import { MathParseError } from './math-tokens.js';
import { formatValue, parseDecimal, pow, rational, valuesEqual } from './rational.js';

const value = (text: string): string => formatValue(evaluateMath(parseMath(text)));

describe('parseMath / evaluateMath', () => {
  it('evaluates exactly while the value stays rational', () => {
    expect(value('1/3 + 1/6')).toBe('1/2');
    expect(value('2^{10}')).toBe('1024');
    expect(value('2^{-2}')).toBe('1/4');
    expect(value('\\sqrt{\\frac{9}{4}}')).toBe('3/2');
    expect(value('8^{2/3}')).toBe('4');
    expect(value('5!')).toBe('120');
    expect(value('\\binom{6}{3}')).toBe('20');
    expect(value('|-3|')).toBe('3');
    expect(value('\\log_2 8')).toBe('3');
    expect(value('-2^2')).toBe('-4');
    expect(value('2\\frac{1}{2}')).toBe('5/2');
    expect(value('3(4+1)')).toBe('15');
    expect(value('12.5\\%')).toBe('1/8');
  });

  it('falls back to floats for irrational values', () => {
    expect(evaluateMath(parseMath('\\pi'))).toBeCloseTo(Math.PI, 12);
    expect(evaluateMath(parseMath('\\sqrt{2}'))).toBeCloseTo(Math.SQRT2, 12);
    expect(evaluateMath(parseMath('\\sin^2 x + \\cos^2 x'), new Map([['x', rational(3n, 7n)]]))).toBeCloseTo(
      1,
      12,
    );
  });

  it('reads implicit products and variables', () => {
    expect([...variablesOf(parseMath('2ab + \\theta x_1'))].sort()).toEqual(['a', 'b', 'theta', 'x_1']);
    expect(value('2\\sqrt{9}')).toBe('6');
  });

  it('rejects what it does not understand instead of guessing', () => {
    for (const text of ['52_8', 'x < 3', '1 2', '12 or 13', '\\frac{1}{', 'a = b', '3,4', 'eval("1")']) {
      expect(() => evaluateMath(parseMath(text)), text).toThrow(MathParseError);
    }
  });

  it('compares rationals exactly and floats within round-off', () => {
    expect(valuesEqual(rational(1n, 3n), parseDecimal('0.333333') ?? rational(0n))).toBe(false);
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(valuesEqual(pow(rational(10n), rational(5000n)), rational(1n))).toBe(false);
  });
});
