import { describe, expect, it } from 'vitest';
import { parseCandidatesText } from './parse-candidates.js';

describe('parseCandidatesText', () => {
  it('splits plain text on lines holding only ---', () => {
    const text = 'You are careful.\nThink step by step.\n---\n\nBe brief.\n---\n---\nCheck your work.\n';
    expect(parseCandidatesText(text, 'c.txt')).toEqual([
      'You are careful.\nThink step by step.',
      'Be brief.',
      'Check your work.',
    ]);
  });

  it('reads JSONL with a "prompt" field', () => {
    const text = '{"prompt": "A"}\n\n{"prompt": "B", "note": 1}\n';
    expect(parseCandidatesText(text, 'c.jsonl')).toEqual(['A', 'B']);
  });

  it('names the file, line and field of a bad row', () => {
    expect(() => parseCandidatesText('{"prompt": "A"}\n{"text": "B"}\n', 'c.jsonl')).toThrow(
      'c.jsonl:2: field "prompt": expected a non-empty string',
    );
    expect(() => parseCandidatesText('{"prompt": "A"}\n{oops\n', 'c.jsonl')).toThrow(
      /^c\.jsonl:2: not valid JSON/,
    );
    expect(() => parseCandidatesText('\n---\n', 'c.txt')).toThrow('c.txt: no system prompts in the file');
  });
});
