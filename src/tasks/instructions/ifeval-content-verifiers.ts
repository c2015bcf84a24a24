import { detectLanguage, languageName } from './detect-language.js';
import { countMatches, escapeRegExp, PY_S, pyIsLower, pyIsUpper, pyStrip } from './python-text.js';
import {
  compare,
  type InstructionVerifier,
  numArg,
  plural,
  quote,
  relationArg,
  relationText,
  strArg,
  verdict,
  verifier,
} from './verifier.js';
import { wordTokenize } from './word-tokenize.js';

function postscriptPattern(marker: string): RegExp {
  if (marker === 'P.P.S') return new RegExp(`p\\.${PY_S}?p\\.${PY_S}?s`, 'u');
  if (marker === 'P.S.') return new RegExp(`p\\.${PY_S}?s\\.`, 'u');
  return new RegExp(escapeRegExp(marker.toLowerCase()), 'u');
}

/** The detected language is English, or undetectable (langdetect raises; IFEval then passes). */
function readsAsEnglish(response: string): { ok: boolean; detail: string } {
  const detected = detectLanguage(response);
  if (detected === undefined || detected === 'en') return { ok: true, detail: 'in English' };
  return { ok: false, detail: `reads as ${languageName(detected)}, not English` };
}

/** IFEval `detectable_content:*`, `combination:*`, `startend:*`, `change_case:*`, `punctuation:*`. */
export const IFEVAL_CONTENT_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'detectable_content:number_placeholders',
    (kw) =>
      `Include at least ${plural(numArg(kw, 'num_placeholders'), 'placeholder')} in square brackets, such as [address].`,
    (response, kw) => {
      const n = countMatches(response, /\[[^\n]*?\]/gu);
      return verdict(
        n >= numArg(kw, 'num_placeholders'),
        `found ${plural(n, '[placeholder]', '[placeholders]')}`,
      );
    },
  ),
  verifier(
    'detectable_content:postscript',
    (kw) => `End with a postscript starting with ${pyStrip(strArg(kw, 'postscript_marker'))}.`,
    (response, kw) => {
      const marker = pyStrip(strArg(kw, 'postscript_marker'));
      const found = postscriptPattern(marker).test(response.toLowerCase());
      return verdict(found, found ? 'postscript found' : `no postscript starting with ${marker}`);
    },
  ),
  verifier(
    'combination:two_responses',
    () => 'Give two different responses, separated by exactly six asterisks: ******.',
    (response) => {
      const parts = response.split('******');
      const valid: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] ?? '';
        if (pyStrip(part) !== '') valid.push(part);
        else if (i !== 0 && i !== parts.length - 1)
          return verdict(false, 'an empty response between ****** separators');
      }
      if (valid.length !== 2)
        return verdict(false, `found ${plural(valid.length, 'response')} separated by ******`);
      const same = pyStrip(valid[0] ?? '') === pyStrip(valid[1] ?? '');
      return verdict(!same, same ? 'the two responses are identical' : 'two different responses');
    },
  ),
  verifier(
    'combination:repeat_prompt',
    (kw) =>
      `First repeat the request word for word without change: ${quote(strArg(kw, 'prompt_to_repeat'))}, then answer.`,
    (response, kw) => {
      const ok = pyStrip(response)
        .toLowerCase()
        .startsWith(pyStrip(strArg(kw, 'prompt_to_repeat')).toLowerCase());
      return verdict(
        ok,
        ok ? 'starts with the request' : `starts with ${quote(pyStrip(response), 40)} instead of the request`,
      );
    },
  ),
  verifier(
    'startend:end_checker',
    (kw) =>
      `End the response with the exact phrase "${pyStrip(strArg(kw, 'end_phrase'))}", with nothing after it.`,
    (response, kw) => {
      const value = pyStrip(pyStrip(response), '"').toLowerCase();
      const ok = value.endsWith(pyStrip(strArg(kw, 'end_phrase')).toLowerCase());
      return verdict(ok, ok ? 'ends with the phrase' : `ends with ${quote(value.slice(-40))}`);
    },
  ),
  verifier(
    'startend:quotation',
    () => 'Wrap the entire response in double quotation marks.',
    (response) => {
      const value = pyStrip(response);
      const ok = value.length > 1 && value.startsWith('"') && value.endsWith('"');
      return verdict(
        ok,
        ok ? 'wrapped in double quotes' : 'does not both start and end with a double quote (")',
      );
    },
  ),
  verifier(
    'change_case:capital_word_frequency',
    (kw) =>
      `Use ${relationText(relationArg(kw, 'capital_relation'), numArg(kw, 'capital_frequency'))} words in ALL CAPITAL letters.`,
    (response, kw) => {
      const n = wordTokenize(response).filter(pyIsUpper).length;
      return verdict(
        compare(n, relationArg(kw, 'capital_relation'), numArg(kw, 'capital_frequency')),
        `found ${plural(n, 'all-capital word')}`,
      );
    },
  ),
  verifier(
    'change_case:english_capital',
    () => 'Write the entire response in English and in ALL CAPITAL letters.',
    (response) => {
      if (!pyIsUpper(response)) return verdict(false, 'contains lowercase letters');
      return verdict(readsAsEnglish(response).ok, readsAsEnglish(response).detail);
    },
  ),
  verifier(
    'change_case:english_lowercase',
    () => 'Write the entire response in English and in all lowercase letters; no capital letters.',
    (response) => {
      if (!pyIsLower(response)) return verdict(false, 'contains capital letters');
      return verdict(readsAsEnglish(response).ok, readsAsEnglish(response).detail);
    },
  ),
  verifier(
    'punctuation:no_comma',
    () => 'Do not use any commas.',
    (response) => {
      const n = countMatches(response, /,/gu);
      return verdict(n === 0, n === 0 ? 'no commas' : `found ${plural(n, 'comma')}`);
    },
  ),
];
