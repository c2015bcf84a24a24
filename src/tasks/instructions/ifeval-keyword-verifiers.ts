import { detectLanguage, languageName } from './detect-language.js';
import { countLiteralIgnoreCase, escapeRegExp, pyStrip, wholeWordRegex } from './python-text.js';
import {
  compare,
  type InstructionVerifier,
  numArg,
  plural,
  relationArg,
  relationText,
  strArg,
  strListArg,
  verdict,
  verifier,
} from './verifier.js';

/** IFEval `keywords:*` and `language:*` (google-research instruction_following_eval semantics). */
export const IFEVAL_KEYWORD_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'keywords:existence',
    (kw) =>
      `Include the keywords ${strListArg(kw, 'keywords')
        .map((k) => `"${k}"`)
        .join(', ')}.`,
    (response, kw) => {
      const missing = strListArg(kw, 'keywords').filter(
        (keyword) => !new RegExp(escapeRegExp(keyword), 'iu').test(response),
      );
      return verdict(
        missing.length === 0,
        missing.length === 0 ? 'all keywords present' : `missing ${missing.map((k) => `"${k}"`).join(', ')}`,
      );
    },
  ),
  verifier(
    'keywords:frequency',
    (kw) =>
      `Use the word "${pyStrip(strArg(kw, 'keyword'))}" ${relationText(relationArg(kw, 'relation'), numArg(kw, 'frequency'))} times.`,
    (response, kw) => {
      const keyword = pyStrip(strArg(kw, 'keyword'));
      const n = countLiteralIgnoreCase(response, keyword);
      return verdict(
        compare(n, relationArg(kw, 'relation'), numArg(kw, 'frequency')),
        `"${keyword}" appears ${plural(n, 'time')}`,
      );
    },
  ),
  verifier(
    'keywords:forbidden_words',
    (kw) =>
      `Do not use the words ${strListArg(kw, 'forbidden_words')
        .map((k) => `"${k}"`)
        .join(', ')}.`,
    (response, kw) => {
      const used = [...new Set(strListArg(kw, 'forbidden_words'))]
        .sort()
        .filter((word) => wholeWordRegex(word, 'iu').test(response));
      return verdict(
        used.length === 0,
        used.length === 0 ? 'no forbidden word used' : `used ${used.map((k) => `"${k}"`).join(', ')}`,
      );
    },
  ),
  verifier(
    'keywords:letter_frequency',
    (kw) =>
      `Use the letter "${strArg(kw, 'letter').toLowerCase()}" ${relationText(relationArg(kw, 'let_relation'), numArg(kw, 'let_frequency'))} times (case-insensitive).`,
    (response, kw) => {
      const letter = pyStrip(strArg(kw, 'letter')).toLowerCase();
      let n = 0;
      for (const ch of response.toLowerCase()) if (ch === letter) n++;
      return verdict(
        compare(n, relationArg(kw, 'let_relation'), numArg(kw, 'let_frequency')),
        `the letter "${letter}" appears ${plural(n, 'time')}`,
      );
    },
  ),
  verifier(
    'language:response_language',
    (kw) => `Write the entire response in ${languageName(strArg(kw, 'language'))}, no other language.`,
    (response, kw) => {
      const expected = strArg(kw, 'language');
      const detected = detectLanguage(response);
      if (detected === undefined)
        return verdict(true, 'too little text to detect a language in (counted as followed, as IFEval does)');
      return verdict(detected === expected, `the response reads as ${languageName(detected)}`);
    },
  ),
];
