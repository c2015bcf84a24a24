import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, csvRow } from './csv-row.js';
import { EXPORT_COLUMNS, type ExportFormat, exportRun } from './export-run.js';
import { RunStore } from './run-store.js';
import { makeRollout, rolloutMeta, tempDir } from './test-support/fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
let runId: string;

const tricky = [
  'plain',
  'a, b, c',
  'she said "hi", then left',
  'line one\nline two\r\nline three\r',
  '"',
  '',
  ' leading and trailing ',
  'unicode: π ≈ 3.14159, 日本語, emoji 🧪, combining é',
  '=SUM(A1:A2)',
];

beforeEach(() => {
  tmp = tempDir();
  store = RunStore.open(tmp.dir);
  runId = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} }).id;
  const sink = store.rolloutSink(runId);
  tricky.forEach((text, i) => {
    sink.record(
      makeRollout(i, {
        response: text,
        feedback: `expected ${text}`,
        ...(i % 2 === 0 ? { extracted: text } : { failure: `no answer in "${text}"` }),
        ...(i === 3 ? { usage: { inputTokens: undefined, outputTokens: 5 } } : {}),
      }),
      rolloutMeta(i),
    );
  });
  // Enough rows to need several chunks.
  for (let i = 100; i < 3100; i++) sink.record(makeRollout(i, { response: 'x'.repeat(50) }), rolloutMeta(i));
});
afterEach(() => {
  store.close();
  tmp.remove();
});

function collect(format: ExportFormat): { text: string; chunks: number } {
  let text = '';
  let chunks = 0;
  exportRun(store, runId, format, (chunk) => {
    text += chunk;
    chunks++;
  });
  return { text, chunks };
}

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), for checking the writer. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else throw new Error(`unexpected character at ${i}`);
  }
  return records;
}

describe('exportRun', () => {
  it('writes JSON Lines that parse back to the stored rollouts', () => {
    const { text, chunks } = collect('jsonl');
    expect(chunks).toBeGreaterThan(1);
    expect(text.endsWith('\n')).toBe(true);
    const rows = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(tricky.length + 3000);
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    tricky.forEach((t, i) => {
      expect(rows[i]).toMatchObject({
        runId,
        candidateId: `c${i % 3}`,
        exampleId: `e${i}`,
        sample: 0,
        response: t,
        feedback: `expected ${t}`,
        extracted: i % 2 === 0 ? t : null,
        failure: i % 2 === 0 ? null : `no answer in "${t}"`,
        promptHash: `h${i % 3}`,
        callKey: `k${i}`,
      });
    });
    expect(rows[3]).toMatchObject({ inputTokens: null, outputTokens: 5 });
  });

  it('writes RFC 4180 CSV that parses back to the same values, formulas neutralised', () => {
    const { text } = collect('csv');
    // What a spreadsheet would run as a formula reads back with a leading quote (JSONL above stays raw).
    const neutral = (t: string): string => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
    const records = parseCsv(text);
    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    expect(records).toHaveLength(1 + tricky.length + 3000);
    const col = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    tricky.forEach((t, i) => {
      const r = records[i + 1]!;
      expect(r).toHaveLength(EXPORT_COLUMNS.length);
      expect(r[col('response')]).toBe(neutral(t));
      expect(r[col('feedback')]).toBe(`expected ${t}`);
      expect(r[col('extracted')]).toBe(i % 2 === 0 ? neutral(t) : '');
      expect(r[col('failure')]).toBe(i % 2 === 0 ? '' : `no answer in "${t}"`);
      expect(r[col('exampleId')]).toBe(`e${i}`);
      expect(Number(r[col('score')])).toBe((i % 10) / 10);
    });
    expect(records[4]?.[col('inputTokens')]).toBe('');
    expect(records[4]?.[col('outputTokens')]).toBe('5');
  });

  it('refuses an unknown run or format', () => {
    expect(() => exportRun(store, 'r0-none', 'csv', () => {})).toThrow(/no run r0-none/);
    expect(() => exportRun(store, runId, 'xml' as ExportFormat, () => {})).toThrow(
      /unknown export format "xml"/,
    );
  });
});

describe('csvField', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvRow(['a', undefined, 'b c'])).toBe('a,,b c\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP CSV injection)', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-0.5)).toBe('-0.5');
  });
});
