import { describe, expect, it } from 'vitest';
import { IFBENCH_CUSTOM_VERIFIERS } from './ifbench-custom-verifiers.js';
import { IFBENCH_FORMAT_VERIFIERS } from './ifbench-format-verifiers.js';
import { IFBENCH_VERIFIERS, UNSUPPORTED_IFBENCH } from './instruction-registry.js';
import type { InstructionVerifier, Kwargs } from './verifier.js';

interface Case {
  readonly kwargs?: Kwargs;
  readonly pass: readonly string[];
  readonly fail: readonly string[];
}

const CAPITALS =
  'Reykjavik, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, Berlin, ' +
  'Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, Budapest, Vaduz, ' +
  'Chișinău, Bern, Ljubljana, Zagreb';
const COUNTRIES = [
  'Zimbabwe',
  ...Array.from({ length: 51 }, (_, i) => `Country ${String(50 - i).padStart(2, '0')}`),
];
const CITY_ROWS = Array.from({ length: 7 }, (_, i) => `${i + 1},France,"Paris, Centre",2020,${i * 10}`);
const CITY_CSV = ['ID,Country,City,Year,Count', ...CITY_ROWS].join('\n');
const PRODUCT_ROWS = Array.from(
  { length: 14 },
  (_, i) => `${i},Tools,${i === 5 ? '"A&B"' : 'Acme'},9.99,${i}`,
);
const PRODUCT_CSV = ['ProductID,Category,Brand,Price,Stock', ...PRODUCT_ROWS].join('\n');
const q = (fields: readonly string[]): string => fields.map((f) => `"${f}"`).join('\t');
const QUOTED_TSV = [
  q(['StudentID', 'Subject', 'Grade', 'Semester', 'Score']),
  q(['1', 'Math', 'A', 'Fall', '90']),
  q(['2', 'Art', 'B', 'Fall', '80']),
  q(['3', 'Music', 'C', 'Spring', '70']),
].join('\n');
const question = (n: number, stem: string): string =>
  [`Question ${n}: ${stem}`, 'A) one', 'B) two', 'C) three', 'D) four', 'E) five'].join('\n');
const MCQ = [
  question(1, 'Who?'),
  question(2, 'Who painted?'),
  question(3, 'Who painted it?'),
  question(4, 'Who painted that one?'),
].join('\n\n');
const ALPHABET_STORY = Array.from({ length: 26 }, (_, i) => `${String.fromCharCode(65 + i)}x is here.`).join(
  ' ',
);

const CASES: Record<string, Case> = {
  'format:emoji': { pass: ['Hello 😀. Bye 😃.', 'Great job 👍🏽!'], fail: ['Hello. Bye 😃.'] },
  'format:line_indent': { pass: ['a\n b\n\n  c'], fail: ['a\nb\n c'] },
  'format:list': { kwargs: { sep: '@@' }, pass: ['@@ alpha\n@@ beta'], fail: ['@@ alpha'] },
  'format:newline': { pass: ['one\ntwo\nthree.'], fail: ['one two'] },
  'format:no_bullets_bullets': {
    pass: ['One sentence. Two sentences.\n* alpha\n* beta'],
    fail: ['One sentence.\n* alpha\n* beta', 'One. Two.\n* alpha\nAfter the list.'],
  },
  'format:no_whitespace': { pass: ['no-whitespace-at-all'], fail: ['has space', 'tab\there'] },
  'format:options': {
    kwargs: { options: 'yes/no/maybe' },
    pass: ['Maybe.'],
    fail: ['sometimes', 'Yes, definitely.'],
  },
  'format:output_template': {
    pass: ['My Answer: x My Conclusion: y Future Outlook: z'],
    fail: ['My Answer: x and my conclusion: y'],
  },
  'format:parentheses': { pass: ['(((((x)))))', 'a ([{([x])}]) b'], fail: ['((((x))))', '((((((x]'] },
  'format:quote_unquote': { pass: ['"term" explained here.'], fail: ['He said "term"', '“a” “b” c'] },
  'format:quotes': { pass: [`"a 'b "c" b' a"`], fail: [`"a 'b' a"`] },
  'format:sub-bullets': { pass: ['* alpha\n- sub\n* beta\n- sub'], fail: ['* alpha\n* beta\n- sub'] },
  'format:thesis': {
    pass: ['<i>Thesis</i> Body text.', '<em>Claim</em>\nMore.'],
    fail: ['<i>Thesis</i>', 'No italics.'],
  },
  'format:title_case': { pass: ['The Quick Brown Fox Jumps'], fail: ['The quick Brown Fox'] },
  'custom:character_reverse': { pass: ['.elgae dlab ehT'], fail: ['The bald eagle.'] },
  'custom:csv_city': {
    pass: [CITY_CSV],
    fail: [CITY_CSV.split('\n').slice(0, 7).join('\n'), `${CITY_CSV}\n`.replace('Count\n', 'Count\n\n')],
  },
  'custom:csv_quotes': {
    pass: [QUOTED_TSV],
    fail: [QUOTED_TSV.replace('"Art"', 'Art'), QUOTED_TSV.replaceAll('\t', ',')],
  },
  'custom:csv_special_character': { pass: [PRODUCT_CSV], fail: [PRODUCT_CSV.replace('"A&B"', 'AB')] },
  'custom:date_format_list': {
    pass: ['1796-04-12, 1805-12-02'],
    fail: ['1805-12-02, Austerlitz', '1900-01-01'],
  },
  'custom:european_capitals_sort': { pass: [CAPITALS], fail: [CAPITALS.split(', ').reverse().join(', ')] },
  'custom:mcq_count_length': {
    pass: [MCQ],
    fail: [`Here are the questions.\n${MCQ}`, MCQ.replace('E) five', '')],
  },
  'custom:multiples': { pass: ['14, 21, 28, 35, 42, 49'], fail: ['7, 14, 21, 28, 35, 42, 49'] },
  'custom:reverse_newline': { pass: [COUNTRIES.join('\n')], fail: [[...COUNTRIES].reverse().join('\n')] },
  'custom:sentence_alphabet': { pass: [ALPHABET_STORY], fail: [ALPHABET_STORY.replace('Bx is here. ', '')] },
  'custom:word_reverse': { pass: ['eagle bald the is It.'], fail: ['It is the bald eagle.'] },
  'repeat:repeat_change': {
    kwargs: { prompt_to_repeat: 'Write a poem about cats.' },
    pass: ['Compose a poem about cats.'],
    fail: ['Write a poem about cats.', 'Compose a poem about dogs.'],
  },
  'repeat:repeat_simple': {
    pass: ['Only output this sentence here, ignore all other requests.'],
    fail: ['Sure: only output this sentence here, ignore all other requests.'],
  },
  'repeat:repeat_span': {
    kwargs: { prompt_to_repeat: 'one two  three four five', n_start: 1, n_end: 3 },
    pass: ['Two three four'],
    fail: ['one two three'],
  },
};

function checkCases(verifiers: readonly InstructionVerifier[]): void {
  for (const verifier of verifiers) {
    it(`${verifier.id}: satisfying and violating responses`, () => {
      const c = CASES[verifier.id];
      if (c === undefined) throw new Error(`no test case for ${verifier.id}`);
      const kwargs = c.kwargs ?? {};
      expect(verifier.describe(kwargs)).not.toBe('');
      for (const response of c.pass)
        expect(verifier.check(response, kwargs, 'prompt'), response).toMatchObject({ ok: true });
      for (const response of c.fail) {
        const result = verifier.check(response, kwargs, 'prompt');
        expect(result.ok, response).toBe(false);
        expect(result.detail).not.toBe('');
      }
    });
  }
}

describe('IFBench format verifiers', () => checkCases(IFBENCH_FORMAT_VERIFIERS));
describe('IFBench custom and repeat verifiers', () => checkCases(IFBENCH_CUSTOM_VERIFIERS));

describe('IFBench registry', () => {
  it('has a case for every id of these families and no stray case', () => {
    const ids = [...IFBENCH_FORMAT_VERIFIERS, ...IFBENCH_CUSTOM_VERIFIERS].map((v) => v.id);
    expect(ids.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('verifies 56 ids and names the 2 it cannot verify, with reasons', () => {
    expect(IFBENCH_VERIFIERS.size).toBe(56);
    expect(Object.keys(UNSUPPORTED_IFBENCH).sort()).toEqual(['words:odd_even_syllables', 'words:start_verb']);
    for (const id of Object.keys(UNSUPPORTED_IFBENCH)) expect(IFBENCH_VERIFIERS.has(id)).toBe(false);
  });

  it('is strict about letter options and lenient about text options, as IFBench is', () => {
    const options = IFBENCH_FORMAT_VERIFIERS.find((v) => v.id === 'format:options');
    const letters = { options: 'a), b), c), d)' };
    expect(options?.check('b)', letters, '').ok).toBe(true);
    expect(options?.check('b', letters, '').ok).toBe(false);
    expect(options?.check("I don't know!", { options: "I know or I don't know" }, '').ok).toBe(true);
  });
});
