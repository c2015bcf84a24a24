import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../errors.js';
import { loadTask } from '../load-task.js';
import { parseCsv } from './parse-csv.js';
import { readExampleFile } from './read-examples.js';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sepo-ex-')), name);
  writeFileSync(path, text);
  return path;
}

describe('readExampleFile', () => {
  it('reads JSONL, JSON and CSV alike; extra fields become meta', () => {
    const jsonl = file('a.jsonl', '{"q":"1+1","a":2,"id":"x","level":3}\n\n{"q":"2+2","a":"4"}\n');
    expect(readExampleFile(jsonl, { inputField: 'q', answerField: 'a' }).examples).toEqual([
      { id: 'x', input: '1+1', answer: '2', meta: { level: 3 } },
      { id: 'line-3', input: '2+2', answer: '4' },
    ]);
    const json = file('a.json', JSON.stringify({ examples: [{ input: 'hi', answer: 'hello' }] }));
    expect(readExampleFile(json).examples).toEqual([{ id: 'item-0', input: 'hi', answer: 'hello' }]);
    const csv = file('a.csv', 'input,answer,split\n"Say ""hi"", twice","hi,\nhi",test\nq2,a2,train\n');
    const read = readExampleFile(csv);
    expect(read.examples[0]).toEqual({ id: 'line-2', input: 'Say "hi", twice', answer: 'hi,\nhi' });
    expect(read.examples[1]?.id).toBe('line-4');
    expect(read.splits?.test.map((e) => e.id)).toEqual(['line-2']);
  });

  it('names the file, the line and the field of a malformed row', () => {
    const missing = file('b.jsonl', '{"input":"a","answer":"b"}\n{"input":"c"}\n');
    expect(() => readExampleFile(missing)).toThrow(DataError);
    expect(() => readExampleFile(missing)).toThrow(
      `${missing}:2: field "answer": missing (set --answer-field)`,
    );
    const bad = file('c.jsonl', '{"input":"a","answer":"b"}\n{oops\n');
    expect(() => readExampleFile(bad)).toThrow(new RegExp(`^${bad}:2: invalid JSON`));
    const dup = file('d.csv', 'input,answer,id\na,b,1\nc,d,1\n');
    expect(() => readExampleFile(dup)).toThrow(`${dup}:3: field "id": duplicate id "1"`);
    const ragged = file('e.csv', 'input,answer\na,b,c\n');
    expect(() => readExampleFile(ragged)).toThrow(`${ragged}:2: expected 2 cells (as the header), found 3`);
    const split = file('f.json', '[{"input":"a","answer":"b","split":"dev"}]');
    expect(() => readExampleFile(split)).toThrow(
      `${split}: field "split": item-0: expected "train", "val" or "test"`,
    );
    expect(() => readExampleFile(join(tmpdir(), 'nope.jsonl'))).toThrow(/file not found/);
  });

  it('parses CSV edge cases', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\r\n', 'x.csv')).toEqual([{ line: 2, cells: { a: '1', b: '2' } }]);
    expect(() => parseCsv('a\n"open', 'x.csv')).toThrow(/unterminated/);
  });
});

describe('file tasks', () => {
  it('jsonl:/json:/csv: use the named scorer and split sizes', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `{"input":"q${i}","answer":"${i}"}`).join('\n');
    const path = file('t.jsonl', rows);
    const task = loadTask(`jsonl:${path}`, { scorer: 'numeric', taskOptions: { train: 4, val: 2 } });
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([4, 2, 14]);
    expect(task.scorer.name).toBe('numeric');
    const e = task.splits.test[0];
    if (e === undefined) throw new Error('no example');
    expect(await task.scorer.score(e, `Answer: ${e.answer}.0`)).toMatchObject({ score: 1 });
    const csv = file('t.csv', 'input,answer\nq,Paris\n');
    expect(loadTask(`csv:${csv}`, { scorer: 'contains' }).scorer.name).toBe('contains');
    expect(() => loadTask(`jsonl:${path}`, { scorer: 'nope' })).toThrow(/unknown scorer "nope"/);
  });
});
