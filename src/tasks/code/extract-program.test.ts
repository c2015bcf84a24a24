import { describe, expect, it } from 'vitest';
import { extractProgram, looksLikeCode } from './extract-program.js';

describe('extractProgram', () => {
  it('takes the last python fenced block', () => {
    const response =
      'First try:\n```python\ndef f():\n    return 1\n```\nBetter:\n```py\ndef f():\n    return 2\n```\nDone.';
    expect(extractProgram(response)).toBe('def f():\n    return 2\n');
  });

  it('prefers a python block over a later unlabelled or other-language block', () => {
    const response = '```python\nx = 1\n```\nOutput:\n```\n1\n```\n```bash\nls\n```';
    expect(extractProgram(response)).toBe('x = 1\n');
  });

  it('falls back to an unlabelled block that looks like code', () => {
    expect(extractProgram('Here:\n```\ndef g(a):\n    return a\n```')).toBe('def g(a):\n    return a\n');
    expect(extractProgram('Result:\n```\n42\n```')).toBeUndefined();
  });

  it('accepts a cut-off trailing python block and MBPP [BEGIN]/[DONE] delimiters', () => {
    expect(extractProgram('Sure.\n```python\ndef h():\n    return 3\n')).toBe('def h():\n    return 3\n');
    expect(extractProgram('[BEGIN]\ndef k():\n    return 4\n[DONE]')).toBe('def k():\n    return 4');
  });

  it('uses the whole response when it is bare code, and nothing for prose', () => {
    const code = 'import math\ndef area(r):\n    return math.pi * r * r';
    expect(extractProgram(`${code}\n`)).toBe(code);
    expect(extractProgram('The function should return the area of a circle.')).toBeUndefined();
    expect(looksLikeCode('Define a function def f')).toBe(false);
  });
});
