import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGpqaExamples } from './read-gpqa.js';
import { shuffleChoices } from './shuffle-choices.js';

// Made-up questions in GPQA's format (never real GPQA items).
const HEADER =
  'Record ID,Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3,Subdomain';
const CSV = [
  HEADER,
  'rec1,"What colour is a ripe, yellow banana?",Yellow,Blue,Green,Purple,Botany',
  'rec2,"Which gas do plants take in?\nPick one.","Carbon dioxide","Neon","Argon","Helium ""He""",Biology',
  ',How many legs has a spider?,Eight,Six,Ten,Four,Zoology',
].join('\n');

function temp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sepo-gpqa-')), name);
  writeFileSync(path, text);
  return path;
}

describe('readGpqaExamples', () => {
  it('reads the GPQA CSV columns, embedded newlines, quotes and commas', () => {
    const examples = readGpqaExamples(temp('g.csv', CSV), 0);
    expect(examples.map((e) => e.id)).toEqual(['rec1', 'rec2', 'row-3']);
    const second = examples[1];
    expect(second?.input.startsWith('Which gas do plants take in?\nPick one.\n\n(A) ')).toBe(true);
    expect(second?.meta?.options).toContain('Helium "He"');
    const options = second?.meta?.options as string[];
    expect(options[(second?.answer ?? 'A').charCodeAt(0) - 65]).toBe('Carbon dioxide');
  });

  it('shuffles options deterministically per example and seed', () => {
    const path = temp('g.csv', CSV);
    const a = readGpqaExamples(path, 1);
    expect(readGpqaExamples(path, 1)).toEqual(a);
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++)
      orders.add(JSON.stringify(readGpqaExamples(path, seed)[0]?.meta?.options));
    expect(orders.size).toBeGreaterThan(5);
    // The order of one example does not depend on the other rows of the file.
    const alone = readGpqaExamples(temp('one.csv', [HEADER, CSV.split('\n')[1]].join('\n')), 1);
    expect(alone[0]?.meta?.options).toEqual(a[0]?.meta?.options);
  });

  it('places the correct answer uniformly enough across letters', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) {
      const { answerIndex } = shuffleChoices('right', ['w1', 'w2', 'w3'], 3, `q${i}`);
      counts[answerIndex] = (counts[answerIndex] ?? 0) + 1;
    }
    for (const n of counts) expect(n).toBeGreaterThan(60);
  });

  it('reads JSONL with the same fields', () => {
    const row = {
      Question: 'Is water wet?',
      'Correct Answer': 'Yes',
      'Incorrect Answer 1': 'No',
      'Incorrect Answer 2': 'Maybe',
      'Incorrect Answer 3': 'Never',
    };
    const examples = readGpqaExamples(
      temp('g.jsonl', `${JSON.stringify(row)}\n${JSON.stringify({ ...row, id: 'x9' })}\n`),
      0,
    );
    expect(examples.map((e) => e.id)).toEqual(['line-1', 'x9']);
  });

  it('names the file, line and field of problems', () => {
    const missing = temp('m.csv', 'Question,Correct Answer\nq,a\n');
    expect(() => readGpqaExamples(missing, 0)).toThrow(
      /m\.csv:1: field "Incorrect Answer 1": missing column/,
    );
    const empty = temp('e.csv', `${HEADER}\nr1,Q?,,b,c,d,x\n`);
    expect(() => readGpqaExamples(empty, 0)).toThrow(/e\.csv:2: field "Correct Answer": empty value/);
    const bad = temp('b.jsonl', '{"Question": "q"}\n');
    expect(() => readGpqaExamples(bad, 0)).toThrow(
      /b\.jsonl:1: field "Correct Answer": missing or not a string/,
    );
  });
});
