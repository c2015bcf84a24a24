import { parsePythonJson } from './parse-python-json.js';
import { countMatches, escapeRegExp, PY_S, pyStrip } from './python-text.js';
import { type InstructionVerifier, numArg, plural, strArg, verdict, verifier } from './verifier.js';

const STAR_BULLET = new RegExp(`(?<![^\\n])${PY_S}*\\*[^*][^\\n]*`, 'gu');
const DASH_BULLET = new RegExp(`(?<![^\\n])${PY_S}*-[^\\n]*`, 'gu');
const CONSTRAINED_OPTIONS = ['My answer is yes.', 'My answer is no.', 'My answer is maybe.'] as const;

function highlightCount(response: string): number {
  let n = 0;
  for (const m of response.matchAll(/\*[^\n*]*\*/gu)) if (pyStrip(pyStrip(m[0], '*')) !== '') n++;
  for (const m of response.matchAll(/\*\*[^\n*]*\*\*/gu)) if (pyStrip(m[0].slice(2, -2)) !== '') n++;
  return n;
}

function removePrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

/** IFEval's JSON check: the whole response, optionally fenced in ```json ... ```, parses as JSON. */
function jsonBody(response: string): string {
  let value = pyStrip(response);
  for (const prefix of ['```json', '```Json', '```JSON', '```']) value = removePrefix(value, prefix);
  if (value.endsWith('```')) value = value.slice(0, -3);
  return pyStrip(value);
}

/** IFEval `detectable_format:*`. */
export const IFEVAL_FORMAT_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'detectable_format:number_bullet_lists',
    (kw) =>
      `Use exactly ${plural(numArg(kw, 'num_bullets'), 'markdown bullet point')} ("* item" or "- item"), and no other lines starting with * or -.`,
    (response, kw) => {
      const n = countMatches(response, STAR_BULLET) + countMatches(response, DASH_BULLET);
      return verdict(n === numArg(kw, 'num_bullets'), `found ${plural(n, 'bullet point')}`);
    },
  ),
  verifier(
    'detectable_format:constrained_response',
    () => `Answer with one of the following options: ${CONSTRAINED_OPTIONS.map((o) => `"${o}"`).join(', ')}.`,
    (response) => {
      const value = pyStrip(response);
      const found = CONSTRAINED_OPTIONS.some((option) => value.includes(option));
      return verdict(
        found,
        found ? 'contains an allowed option' : 'none of the exact option sentences appears',
      );
    },
  ),
  verifier(
    'detectable_format:number_highlighted_sections',
    (kw) =>
      `Highlight at least ${plural(numArg(kw, 'num_highlights'), 'section')} with markdown, i.e. *highlighted section*.`,
    (response, kw) => {
      const n = highlightCount(response);
      return verdict(n >= numArg(kw, 'num_highlights'), `found ${plural(n, 'highlighted section')}`);
    },
  ),
  verifier(
    'detectable_format:multiple_sections',
    (kw) =>
      `Write ${plural(numArg(kw, 'num_sections'), 'section')}, each starting with "${pyStrip(strArg(kw, 'section_spliter'))} X" (X = its number).`,
    (response, kw) => {
      const spliter = pyStrip(strArg(kw, 'section_spliter'));
      const re = new RegExp(`${PY_S}?${escapeRegExp(spliter)}${PY_S}?\\p{Nd}+${PY_S}?`, 'u');
      const n = response.split(re).length - 1;
      return verdict(n >= numArg(kw, 'num_sections'), `found ${plural(n, `"${spliter} X" section marker`)}`);
    },
  ),
  verifier(
    'detectable_format:json_format',
    () =>
      'Wrap the entire output in JSON format (markdown ``` fences are allowed); nothing outside the JSON.',
    (response) => {
      const parsed = parsePythonJson(jsonBody(response));
      return verdict(parsed.ok, parsed.ok ? 'valid JSON' : `not valid JSON (${parsed.error})`);
    },
  ),
  verifier(
    'detectable_format:title',
    () => 'Include a title wrapped in double angular brackets, such as <<poem of joy>>.',
    (response) => {
      const titles = response.match(/<<[^\n]+>>/gu) ?? [];
      const found = titles.some((t) => pyStrip(t.replace(/^<+/u, '').replace(/>+$/u, '')) !== '');
      return verdict(found, found ? 'title found' : 'no <<title>> found');
    },
  ),
];
