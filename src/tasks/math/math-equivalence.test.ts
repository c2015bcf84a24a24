import { describe, expect, it } from 'vitest';
import { mathEquivalent } from './math-equivalence.js';

/** [predicted, reference, equal] grouped by the rule they exercise; every rule accepts and rejects. */
const RULES: Record<string, ReadonlyArray<readonly [string, string, boolean]>> = {
  integers: [
    ['42', '42', true],
    ['025', '25', true],
    ['-984', '-984', true],
    ['+7', '7', true],
    ['42', '24', false],
    ['-5', '5', false],
    ['12', '1.2', false],
    ['1.2', '12', false],
  ],
  decimals: [
    ['0.5', '\\frac{1}{2}', true],
    ['.0000672', '0.0000672', true],
    ['3.0', '3', true],
    ['1.25', '\\frac54', true],
    ['6.72\\times10^{-5}', '.0000672', true],
    ['0.33', '\\frac{1}{3}', false],
    ['3.14', '\\pi', false],
    ['1.250001', '1.25', false],
  ],
  fractions: [
    ['\\frac{1}{2}', '0.5', true],
    ['\\dfrac{3}{4}', '3/4', true],
    ['\\tfrac{14}{3}', '\\frac{14}{3}', true],
    ['\\frac12', '1/2', true],
    ['6/8', '\\frac{3}{4}', true],
    ['\\frac{270}7', '\\frac{270}{7}', true],
    ['1/3', '0.33', false],
    ['\\frac{2}{3}', '\\frac{3}{2}', false],
    ['\\frac{1}{576}', '576', false],
  ],
  'mixed numbers': [
    ['2\\frac{1}{2}', '\\frac{5}{2}', true],
    ['3\\frac{3}{4}', '3.75', true],
    ['2\\frac{1}{2}', '1', false],
    ['1\\frac{1}{3}', '\\frac{1}{3}', false],
  ],
  percentages: [
    ['25\\%', '25', true],
    ['25%', '0.25', true],
    ['40', '40\\%', true],
    ['25\\%', '35', false],
    ['0.25', '25', false],
  ],
  'square roots': [
    ['2\\sqrt{2}', '\\sqrt{8}', true],
    ['\\frac{9}{\\sqrt{23}}', '\\frac{9 \\sqrt{23}}{23}', true],
    ['\\sqrt{\\frac{95}{24}}', '\\frac{\\sqrt{570}}{12}', true],
    ['\\sqrt[3]{27}', '3', true],
    ['11\\sqrt2', '11\\sqrt{2}', true],
    ['\\sqrt{23}-2\\sqrt{3}', '\\sqrt{23}-\\sqrt{12}', true],
    ['\\sqrt{2}', '1.41', false],
    ['2\\sqrt{3}', '3\\sqrt{2}', false],
    ['\\sqrt{6}', '6', false],
  ],
  pi: [
    ['\\frac{\\pi}{2}', '\\pi/2', true],
    ['1-\\frac{2}{\\pi}', '\\frac{\\pi-2}{\\pi}', true],
    ['-\\frac{\\pi}{6}', '-\\pi/6', true],
    ['2\\pi', '\\pi', false],
    ['\\pi', '3.14159', false],
  ],
  expressions: [
    ['2^{25} \\cdot 26!', '2^{25}26!', true],
    ['14+4\\sqrt{37}', '4\\sqrt{37}+14', true],
    ['(a+5)(b+2)', 'ab+2a+5b+10', true],
    ['x^5 - x^4 + x^3 - x^2 + x - 1', '(x-1)(x^4+x^2+1)', true],
    ['p - q', '-q+p', true],
    ['\\cot x', '\\frac{\\cos x}{\\sin x}', true],
    ['\\binom{5}{2}', '10', true],
    ['2k+2', '2(k+1)', true],
    ['6 - 5i', '-5i+6', true],
    ['x^2+1', 'x^2-1', false],
    ['2k+2', '2k+1', false],
    ['6 - 5i', '6 + 5i', false],
    ['p - q', 'q - p', false],
  ],
  'tuples and intervals': [
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\pi/2)', true],
    ['(6,31,-1)', '(6, 31, -1)', true],
    ['(3,4]', '(3, 4]', true],
    ['(2,\\infty)', '(2, \\infty)', true],
    ['(-\\infty,1)\\cup(2,\\infty)', '(2,\\infty) \\cup (-\\infty,1)', true],
    ['(3,4]', '(3,4)', false],
    ['(31,6,-1)', '(6,31,-1)', false],
    ['(1,2)', '(1,2,3)', false],
  ],
  'sets and lists': [
    ['3, 5, 7', '7,5,3', true],
    ['-2, 1', '1,-2', true],
    ['\\{1,2\\}', '\\{2,1\\}', true],
    ['1+\\sqrt{19}, 1-\\sqrt{19}', '1 \\pm \\sqrt{19}', true],
    [
      '\\frac{-1+\\sqrt{17}}{2}, \\frac{-1-\\sqrt{17}}{2}',
      '\\frac{-1-\\sqrt{17}}{2}, \\frac{-1+\\sqrt{17}}{2}',
      true,
    ],
    ['3, 5', '3, 5, 7', false],
    ['1', '1,-2', false],
    ['3, 5, 8', '3, 5, 7', false],
  ],
  matrices: [
    [
      '\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}',
      '\\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix}',
      true,
    ],
    [
      '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}',
      '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}',
      true,
    ],
    ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '\\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}', false],
  ],
  equations: [
    ['x=5', '5', true],
    ['5', 'x = 5', true],
    ['y = 2x + 3', '2x+3', true],
    ['[-2,7]', 'x \\in [-2,7]', true],
    ['[-2,7)', 'x \\in [-2,7]', false],
    ['5x - 7y + 11z + 4 = 0', '-5x + 7y - 11z - 4 = 0', true],
    ['x = 6', '5', false],
    ['5x - 7y + 11z + 4 = 0', '5x - 7y + 11z - 4 = 0', false],
  ],
  'latex noise': [
    ['\\left(3\\right)', '3', true],
    ['10,\\!080', '10080', true],
    ['1,000,000', '1000000', true],
    ['90^\\circ', '90', true],
    ['120^{\\circ}', '120', true],
    ['\\$18', '18', true],
    ['$\\frac{3}{2}$', '\\frac32', true],
    ['5\\text{ cm}', '5', true],
    ['\\frac{270}7\\text{ degrees}', '\\frac{270}{7}', true],
    ['18 dollars', '18', true],
    ['18 eggs', '18', true],
    ['\\displaystyle \\frac{1}{4}', '\\frac14', true],
    ['90^\\circ', '80', false],
    ['\\$18.50', '18', false],
    ['5\\text{ cm}', '6', false],
  ],
  text: [
    ['\\text{Evelyn}', 'Evelyn', true],
    ['East', '\\text{east}', true],
    ['\\text{even}', 'even', true],
    ['\\text{odd}', '\\text{even}', false],
    ['Evelyn', 'Bob', false],
  ],
  'bases and subscripts': [
    ['52_{8}', '52_8', true],
    ['4210_5', '4210_{5}', true],
    ['42', '52_8', false],
  ],
  'named answers': [
    ['(3,2)', '(p,q)=(3,2)', true],
    ['(p, q) = (3, 2)', '(3,2)', true],
    ['11:21', 'V_1:V_2 = 11:21', true],
    ['a_3 = 2, a_{37} = 19', 'a_{37} = 19, a_3 = 2', true],
    ['n = 1, 2, 3', '1, 2, 3', true],
    ['x = 5 + 5 + 1 = 11', 'x = 11', true],
    ['k = 1/3 \\approx 0.33', '1/3', true],
    ['y = 5', 'x = 5', false],
    ['(2,3)', '(p,q)=(3,2)', false],
    ['a_3 = 19, a_{37} = 2', 'a_{37} = 19, a_3 = 2', false],
    ['11a+c', '7 = 11a+c', false],
    ['0', 'a + 3z = 0', false],
  ],
  'lists with words': [
    ['3 and 5', '5, 3', true],
    ['19, 46, \\text{ and } 82', '19, 46, and 82', true],
    ['2; 7', '7, 2', true],
    ['12 or 13', '12, 13', true],
    ['(1, 3)', '1, 3', true],
    ['(3, 1)', '1, 3', false],
    ['3 and 5', '3, 5, 7', false],
  ],
  inequalities: [
    ['5 \\geq x', 'x \\leq 5', true],
    ['x >= 5', 'x \\ge 5', true],
    ['-x > -1', 'x < 1', true],
    ['x \\neq 3', 'x != 3', true],
    ['-2 \\le x \\le 7', 'x \\in [-2,7]', true],
    ['[-2,7]', '-2 \\leq x \\leq 7', true],
    ['(-\\infty, 5]', 'x \\le 5', true],
    ['x > 3', '(3, \\infty)', true],
    ['x < 5', 'x > 5', false],
    ['x \\le 5', 'x < 5', false],
    ['-2 < x \\le 7', '[-2,7]', false],
    ['x > -1', 'x < 1', false],
  ],
  'text and letters': [
    ['E', '\\text{E}', true],
    ['\\text{(C)}', 'C', true],
    ['125\\textnormal{ miles}', '125', true],
    ['\\mathrm{B}', 'B', true],
    ['D', '\\text{E}', false],
  ],
  'thousands separators': [
    ['14{,}916', '14916', true],
    ['14 {, }916', '14916', true],
    ['32,\\! 349', '32349', true],
    ['12,\\!000,\\!023', '12000023', true],
    ['\\$16,\\!386.20', '16386.20', true],
    ['1 000', '1000', true],
    ['32, 349', '32349', false],
    ['1000,99', '1000.99', false],
  ],
  'percent words and rounding': [
    ['28 percent', '28\\%', true],
    ['28 pct', '0.28', true],
    ['0.0833333333333333', '\\frac{1}{12}', true],
    ['4.123105625617661', '\\sqrt{17}', true],
    ['28', '28/100', false],
    ['0.083333', '\\frac{1}{12}', true],
    ['0.08333', '\\frac{1}{12}', false],
    ['0.083334', '\\frac{1}{12}', false],
    ['0.0833', '\\frac{1}{12}', false],
  ],
  'mixed numbers in words': [
    ['4 4/9', '40/9', true],
    ['-4 4/9', '-\\frac{40}{9}', true],
    ['11 6/6', '12', false],
    ['4 4/0', '4', false],
  ],
  traps: [
    ['12.0', '12', true],
    ['12 or 13', '12', false],
    ['the answer is 12', '12', false],
    ['12, 13', '12', false],
    ['1 2', '2', false],
    ['2 pi', '2', false],
    ['120', '12', false],
    ['', '0', false],
  ],
};

describe('mathEquivalent', () => {
  const all = Object.entries(RULES).flatMap(([rule, cases]) => cases.map((c) => [rule, ...c] as const));

  it('covers at least 80 cases, each rule accepting and rejecting', () => {
    expect(all.length).toBeGreaterThanOrEqual(80);
    for (const cases of Object.values(RULES)) {
      expect(cases.some((c) => c[2])).toBe(true);
      expect(cases.some((c) => !c[2])).toBe(true);
    }
  });

  it.each(all)('%s: %s vs %s -> %s', (_rule, predicted, reference, equal) => {
    const verdict = mathEquivalent(predicted, reference);
    expect(verdict.equal, verdict.reason).toBe(equal);
    expect(verdict.reason).not.toBe('');
  });

  it('explains a difference with both values', () => {
    expect(mathEquivalent('12', '1.2').reason).toBe('different values: 12 vs 6/5');
    expect(mathEquivalent('(3,4]', '(3,4)').reason).toMatch(/brackets/);
  });
});
