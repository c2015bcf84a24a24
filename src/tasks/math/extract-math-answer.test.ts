import { describe, expect, it } from 'vitest';
import { answerLine, extractMathAnswer, lastBoxed, lastNumber } from './extract-math-answer.js';

const read = (response: string, list = false) => {
  const found = extractMathAnswer(response, { list });
  return found === undefined ? undefined : [found.method, found.answer];
};

describe('extractMathAnswer', () => {
  it('takes the last \\boxed{} first, honouring nested braces', () => {
    expect(extractMathAnswer('try \\boxed{1} then \\boxed{\\frac{1}{2}}. Answer: 7')).toEqual({
      answer: '\\frac{1}{2}',
      method: 'boxed',
      source: '\\boxed{\\frac{1}{2}}',
    });
    expect(lastBoxed('\\boxed{\\left\\{ 1, \\sqrt{2} \\right\\}}')).toBe('\\left\\{ 1, \\sqrt{2} \\right\\}');
    expect(lastBoxed('so \\fbox{5}')).toBe('5');
    expect(lastBoxed('so \\boxed 5 done')).toBe('5');
    expect(lastBoxed('unclosed \\boxed{3')).toBeUndefined();
  });

  it('reads several boxes in a row as one list answer', () => {
    const response = 'The integers are \\boxed{-2} and \\boxed{1}.';
    expect(read(response)).toEqual(['boxed', '-2, 1']);
    expect(read('\\boxed{5} and \\boxed{5}')).toEqual(['boxed', '5']);
    expect(read(response, true)).toEqual(['boxed', '-2, 1']);
    expect(read('\\[ \\boxed{-2} \\quad \\text{and} \\quad \\boxed{1}. \\]', true)).toEqual([
      'boxed',
      '-2, 1',
    ]);
    expect(read('first \\boxed{3}, then we find more. So \\boxed{4}', true)).toEqual(['boxed', '4']);
  });

  it('lets a "Final answer" statement after the boxes win over boxed intermediate results', () => {
    expect(
      read('interest $\\boxed{200}$, then $\\boxed{255}$. Final Answer: The final answer is $10,455$.'),
    ).toEqual(['answer-line', '10,455']);
  });

  it('then the last "Final answer:" / "Answer:" line, reduced to its math', () => {
    expect(read('work... 12\nAnswer: 13\nmore text 14\nFinal answer: $15$.')).toEqual(['answer-line', '15']);
    expect(answerLine('**Final Answer:** 3/4')).toBe('3/4');
    expect(answerLine('The answer is 42.')).toBe('42');
    expect(answerLine('steps\n#### 1,234')).toBe('1,234');
    expect(answerLine('Final Answer: The final answer is $14{,}916$. I hope it is correct.')).toBe(
      '14{,}916',
    );
    expect(answerLine('Final Answer: The largest $n$ is 34.')).toBe('34');
    expect(answerLine('Final Answer: Jane started growing Sphere 3 hours ago. I hope it is correct.')).toBe(
      '3',
    );
    expect(answerLine('Final Answer: The final answer is "$12 $ and $13 $". I hope it is correct.')).toBe(
      '12, 13',
    );
    expect(answerLine('Final Answer: The final answer is 16386.16.')).toBe('16386.16');
  });

  it('then the last LaTeX math span, as a whole expression', () => {
    expect(read('So we get $\\frac{1}{3}$.')).toEqual(['math-span', '\\frac{1}{3}']);
    expect(read('the golden ratio is $\\frac{1+\\sqrt{5}}{2}$')).toEqual([
      'math-span',
      '\\frac{1+\\sqrt{5}}{2}',
    ]);
    expect(read('the pair is $(7, 6)$. <|im_start|>user')).toEqual(['math-span', '(7, 6)']);
    expect(read('Answer \\[ \n 9 \n \\]')).toEqual(['math-span', '9']);
    expect(read('it is $\\$5$ here, a \\$ sign')).toEqual(['math-span', '\\$5']);
    expect(read('grows by $28$ % a year')).toEqual(['math-span', '28%']);
    expect(read('the roots are $1$ and $2$', true)).toEqual(['math-span', '1, 2']);
  });

  it('never takes a number from inside a larger expression', () => {
    expect(read('$2^{10}.$')).toEqual(['math-span', '2^{10}.']);
    expect(read('AZYUK2A')).toBeUndefined();
    expect(read('x^2 grows')).toBeUndefined();
  });

  it('then a number standing alone in the prose after the last math span', () => {
    expect(extractMathAnswer('3 apples and 4 pears make 7')).toEqual({
      answer: '7',
      method: 'bare-number',
      source: '7',
    });
    expect(read('with $d = \\frac{90}{n}$ there are 12 sequences.')).toEqual(['bare-number', '12']);
    expect(read('the error increases by 100%.')).toEqual(['bare-number', '100%']);
    expect(read('it costs $1,000.99 in total')).toEqual(['bare-number', '1,000.99']);
    expect(read('P(A) = 2/3 so it is 2/3.')).toEqual(['bare-number', '2/3']);
    expect(read('The value is 4 4/9.')).toEqual(['bare-number', '4 4/9']);
    expect(read('we get 11 + 4/9')).toEqual(['bare-number', '11 + 4/9']);
    expect(read('11\n5/6')).toEqual(['bare-number', '5/6']);
  });

  it('passes over unreadable LaTeX to what follows it or is listed with it', () => {
    const sum = '$\\sum_{k=0}^n\\bigl(k\\bigr)$';
    expect(read(`Final answer is ${sum}. I hope. 42`)).toEqual(['bare-number', '42']);
    expect(read(`$42$ and ${sum}`)).toEqual(['math-span', '42']);
    expect(read(`Final answer is ${sum}. I hope.`)?.[0]).toBe('answer-line');
    expect(read(`we had $x = 2$. Thus \\boxed{\\sum_k k}`)).toEqual(['boxed', '\\sum_k k']);
  });

  it('keeps lastNumber (the numeric scorer) as it was', () => {
    expect(lastNumber('costs $1,234.50 in total')).toBe('1,234.50');
    expect(lastNumber('ratio 7 / 8')).toBe('7/8');
    expect(lastNumber('it is -3')).toBe('-3');
  });

  it('finds nothing in a response without an answer', () => {
    expect(extractMathAnswer('I do not know.')).toBeUndefined();
    expect(extractMathAnswer('')).toBeUndefined();
  });
});
