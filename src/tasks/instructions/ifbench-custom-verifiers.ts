import { splitSentences } from './punkt-sentences.js';
import {
  firstChar,
  PUNCTUATION,
  pyCompare,
  pyLStrip,
  pySplit,
  pyStrip,
  removePunctuation,
  toAsciiFold,
} from './python-text.js';
import { readPythonCsv } from './read-python-csv.js';
import {
  fixedVerifier,
  type InstructionVerifier,
  numArg,
  quote,
  strArg,
  verdict,
  verifier,
} from './verifier.js';

const PUNCT_SPACE = `${PUNCTUATION} `;
const PY_WHITESPACE = ' \t\n\r\x0b\x0c';
const REPEAT_SIMPLE = 'Only output this sentence here, ignore all other requests.';
const EUROPEAN_CAPITALS = (
  'Reykjavik Helsinki Oslo Tallinn Stockholm Riga Moscow Copenhagen Vilnius Minsk Dublin Berlin Amsterdam ' +
  'Warsaw London Brussels Prague Luxembourg Paris Vienna Bratislava Budapest Vaduz Chisinau Bern Ljubljana Zagreb'
).split(' ');

function mcqQuestions(value: string): boolean {
  const at = value.indexOf('Question');
  const start = at === -1 ? value.slice(-1) : value.slice(at);
  if (start !== value) return false;
  let questions = value.split(/\n*(?:Question \p{Nd}+[.|):;]?\s*)/u);
  if (questions[0] === '') questions = questions.slice(1);
  questions = questions.map((q) => pyStrip(q)).filter((q) => q !== '');
  if (questions.length !== 4) return false;
  const lengths: number[] = [];
  for (const q of questions) {
    let text = '';
    let options = 0;
    let doneWithQuestion = false;
    for (const line of q.split('\n')) {
      if (/^[A-Ea-e][.|)]\s*[\p{L}\p{N}_]+/u.test(pyStrip(line))) {
        options++;
        doneWithQuestion = true;
      } else if (!doneWithQuestion) text += ` ${pyStrip(line)}`;
    }
    if (options !== 5) return false;
    lengths.push(Array.from(pyStrip(text)).length);
  }
  return lengths.every((n, i) => i === 0 || (lengths[i - 1] ?? 0) < n);
}

function reverseAfricanList(value: string): boolean {
  const lines = value
    .split('\n')
    .map((l) => pyStrip(l, PUNCT_SPACE))
    .filter((l) => l !== '');
  const start = lines.findIndex((l) => l.includes('Zimbabwe'));
  if (start === -1) return false;
  const target = lines.slice(start).map(toAsciiFold);
  if (target.length < 52) return false;
  const sorted = [...target].sort((a, b) => pyCompare(b, a));
  return target.every((l, i) => l === sorted[i]);
}

function napoleonDates(value: string): boolean {
  for (const raw of pyStrip(value).split(',')) {
    const date = pyStrip(raw);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1769 || year > 1821 || month > 12) return false;
    if ([1, 3, 5, 7, 8, 10, 12].includes(month) && day > 31) return false;
    if ([4, 6, 9, 11].includes(month) && day > 30) return false;
    if (month === 2 && day > 29) return false;
  }
  return true;
}

function cityCsv(value: string): boolean {
  const data = readPythonCsv(value);
  if (data === undefined || data.length !== 8) return false;
  if ((data[0] ?? []).join('\u0000') !== ['ID', 'Country', 'City', 'Year', 'Count'].join('\u0000'))
    return false;
  return data.slice(1).every((row) => row.length === 5);
}

function specialCharacterCsv(value: string): boolean {
  const header = pyStrip(value.split('\n')[0] ?? '');
  const headerRe =
    /^(ProductID|"ProductID"),[ \t]*(Category|"Category"),[ \t]*(Brand|"Brand"),[ \t]*(Price|"Price"),[ \t]*(Stock|"Stock")$/u;
  if (!headerRe.test(header)) return false;
  const data = readPythonCsv(value.replaceAll('"', '"""'));
  if (data === undefined || data.length !== 15) return false;
  for (const row of data.slice(1)) {
    if (row.length !== 5) return false;
    if (row.some((field) => /^"[^\n]*[^\p{Nd}\p{L}\p{N}_\s][^\n]*"/u.test(field))) return true;
  }
  return false;
}

function quotedTsv(value: string): boolean {
  const header = pyStrip(value.split('\n')[0] ?? '');
  const headerRe =
    /^(StudentID|"StudentID")\t *(Subject|"Subject")\t *(Grade|"Grade")\t *(Semester|"Semester")\t *(Score|"Score")$/u;
  if (!headerRe.test(header)) return false;
  const data = readPythonCsv(value.replaceAll('"', '"""'), '\t');
  if (data === undefined || data.length !== 4) return false;
  return data.every(
    (row) =>
      row.length === 5 &&
      row.every((field) => {
        const f = pyStrip(field);
        return f !== '' && f.startsWith('"') && f.endsWith('"');
      }),
  );
}

function capitalsByLatitude(value: string): boolean {
  const capitals = toAsciiFold(value)
    .split(',')
    .filter((c) => pyStrip(c) !== '');
  return (
    capitals.length === EUROPEAN_CAPITALS.length &&
    capitals.every((c, i) => pyStrip(c) === EUROPEAN_CAPITALS[i])
  );
}

function alphabetStory(value: string): boolean {
  const sentences = splitSentences(value);
  if (sentences.length !== 26) return false;
  return sentences.every((s, i) => {
    const stripped = pyLStrip(s, PUNCTUATION + PY_WHITESPACE);
    return stripped !== '' && firstChar(stripped).toLowerCase() === String.fromCharCode(97 + i);
  });
}

function reversedWords(value: string): boolean {
  const cleaned = removePunctuation(pyStrip(value.toLowerCase()));
  const forward = pySplit(cleaned).reverse().join(' ');
  return forward.includes('bald eagle') && splitSentences(forward).includes(forward);
}

/** IFBench `custom:*` (one prompt each) and `repeat:*`. */
export const IFBENCH_CUSTOM_VERIFIERS: readonly InstructionVerifier[] = [
  fixedVerifier(
    'custom:character_reverse',
    'Answer with the sentence reversed letter by letter.',
    (v) => v.toLowerCase().includes('elgae dlab'),
    'no letter-reversed "bald eagle" ("elgae dlab")',
  ),
  fixedVerifier(
    'custom:csv_city',
    'Output CSV with the header ID,Country,City,Year,Count and exactly 7 data rows of 5 fields.',
    cityCsv,
    'not a header plus 7 rows of 5 comma-separated fields',
  ),
  fixedVerifier(
    'custom:csv_quotes',
    'Output tab-separated data with the header StudentID, Subject, Grade, Semester, Score and 3 rows, every field in double quotes.',
    quotedTsv,
    'not a quoted tab-separated header plus 3 rows of 5 quoted fields',
  ),
  fixedVerifier(
    'custom:csv_special_character',
    'Output CSV with the header ProductID,Category,Brand,Price,Stock and 14 rows; one field must contain a special character and be enclosed in double quotes.',
    specialCharacterCsv,
    'not a header plus 14 rows of 5 fields with a quoted special-character field',
  ),
  fixedVerifier(
    'custom:date_format_list',
    'List only dates as YYYY-MM-DD separated by commas, nothing else.',
    napoleonDates,
    'an item is not a plausible YYYY-MM-DD date between 1769 and 1821',
  ),
  fixedVerifier(
    'custom:european_capitals_sort',
    'List only the capital names, separated by commas, sorted by latitude from north to south.',
    capitalsByLatitude,
    'the comma-separated capitals are not the expected 27 in latitude order',
  ),
  fixedVerifier(
    'custom:mcq_count_length',
    'Start with "Question"; write 4 questions labelled "Question N" with 5 options (A-E) each, each question longer than the last, and no explanation.',
    mcqQuestions,
    'not 4 progressively longer "Question N" items with 5 options each',
  ),
  fixedVerifier(
    'custom:multiples',
    'Print only the multiples of 7 from 10 to 50: 14, 21, 28, 35, 42, 49.',
    (v) => (v.replaceAll(',', ', ').match(/\p{Nd}+/gu) ?? []).join(' ') === '14 21 28 35 42 49',
    'the numbers printed are not exactly 14, 21, 28, 35, 42, 49',
  ),
  fixedVerifier(
    'custom:reverse_newline',
    'List the countries in reverse alphabetical order, one per line, starting with Zimbabwe.',
    reverseAfricanList,
    'not 52+ lines from Zimbabwe in reverse alphabetical order',
  ),
  fixedVerifier(
    'custom:sentence_alphabet',
    'Write exactly 26 sentences whose first words start with a, b, c, ... z in order.',
    alphabetStory,
    'not 26 sentences starting with a..z in order',
  ),
  fixedVerifier(
    'custom:word_reverse',
    'Answer in one sentence with the word order reversed.',
    reversedWords,
    'reversing the words does not give a sentence about the bald eagle',
  ),
  verifier(
    'repeat:repeat_change',
    (kw) =>
      `Repeat the request with only its first word changed, and do not answer it: ${quote(strArg(kw, 'prompt_to_repeat'))}.`,
    (response, kw) => {
      const prompt = strArg(kw, 'prompt_to_repeat');
      if (prompt === response) return verdict(false, 'the first word was not changed');
      const ok = pySplit(prompt).slice(1).join(' ') === pySplit(response).slice(1).join(' ');
      return verdict(
        ok,
        ok ? 'repeated with the first word changed' : 'the rest of the request is not repeated exactly',
      );
    },
  ),
  verifier(
    'repeat:repeat_simple',
    () => `Output only the sentence "${REPEAT_SIMPLE}"`,
    (response) => {
      const ok = pyStrip(response).toLowerCase() === REPEAT_SIMPLE.toLowerCase();
      return verdict(ok, ok ? 'exact sentence' : `the response is ${quote(response, 40)}`);
    },
  ),
  verifier(
    'repeat:repeat_span',
    (kw) => {
      const words = pySplit(strArg(kw, 'prompt_to_repeat'));
      const span = words.slice(numArg(kw, 'n_start'), numArg(kw, 'n_end') + 1).join(' ');
      return `Output only the words ${numArg(kw, 'n_start')} to ${numArg(kw, 'n_end')} of the request: ${quote(span, 80)}.`;
    },
    (response, kw) => {
      const words = pySplit(strArg(kw, 'prompt_to_repeat'));
      const span = words.slice(numArg(kw, 'n_start'), numArg(kw, 'n_end') + 1).join(' ');
      const ok = pyStrip(response).toLowerCase() === pyStrip(span).toLowerCase();
      return verdict(ok, ok ? 'exact span' : `the response is ${quote(response, 40)}`);
    },
  ),
];
