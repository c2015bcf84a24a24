import {
  ARABIC_SCRIPT_LETTERS,
  ARABIC_SCRIPT_PROFILES,
  CYRILLIC_PROFILES,
  DEVANAGARI_PROFILES,
  LATIN_PROFILES,
  MARKER_LETTERS,
} from './language-profiles.js';

/**
 * A small deterministic language detector standing in for `langdetect`, enough for IFEval's
 * `language:response_language` and the "in English" checks. The dominant script decides directly where
 * a script belongs to one language (Korean, Thai, Hebrew, Greek, Bengali, Gurmukhi, Gujarati, Tamil,
 * Telugu, Kannada, Malayalam, Georgian, Armenian; kana for Japanese, Han alone for Chinese). Inside a
 * shared script it scores frequent function words and marker letters: Latin (en, es, pt, fr, de, it, pl,
 * vi, sw, fi, nl, sv, tr, id), Cyrillic (ru, uk, bg), Devanagari (hi, mr, ne), Arabic script (ar, fa, ur).
 * Script-decided languages are reliable on any text; shared-script languages are reliable from a sentence
 * or two of ordinary prose and weaker on very short, list-like or mixed-language text. A Latin text with
 * no function word at all is reported as English, the usual case for such text.
 */

const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['bengali', /\p{Script=Bengali}/u],
  ['gurmukhi', /\p{Script=Gurmukhi}/u],
  ['gujarati', /\p{Script=Gujarati}/u],
  ['tamil', /\p{Script=Tamil}/u],
  ['telugu', /\p{Script=Telugu}/u],
  ['kannada', /\p{Script=Kannada}/u],
  ['malayalam', /\p{Script=Malayalam}/u],
  ['thai', /\p{Script=Thai}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['greek', /\p{Script=Greek}/u],
  ['georgian', /\p{Script=Georgian}/u],
  ['armenian', /\p{Script=Armenian}/u],
];

const SINGLE_LANGUAGE: Readonly<Record<string, string>> = {
  bengali: 'bn',
  gurmukhi: 'pa',
  gujarati: 'gu',
  tamil: 'ta',
  telugu: 'te',
  kannada: 'kn',
  malayalam: 'ml',
  thai: 'th',
  hangul: 'ko',
  hebrew: 'he',
  greek: 'el',
  georgian: 'ka',
  armenian: 'hy',
};

function profileSets(
  profiles: Readonly<Record<string, string>>,
): ReadonlyArray<readonly [string, Set<string>]> {
  return Object.entries(profiles).map(([code, words]) => [code, new Set(words.split(/\s+/u))] as const);
}

const LATIN = profileSets(LATIN_PROFILES);
const CYRILLIC = profileSets(CYRILLIC_PROFILES);
const DEVANAGARI = profileSets(DEVANAGARI_PROFILES);
const ARABIC = profileSets(ARABIC_SCRIPT_PROFILES);

function countChars(text: string, chars: string): number {
  let n = 0;
  for (const ch of text) if (chars.includes(ch)) n++;
  return n;
}

function bestByScore(
  words: readonly string[],
  text: string,
  profiles: ReadonlyArray<readonly [string, Set<string>]>,
  letters: Readonly<Record<string, string>>,
  letterWeight: (code: string) => number,
): { code: string; score: number } {
  let best = { code: profiles[0]?.[0] ?? 'en', score: 0 };
  for (const [code, set] of profiles) {
    let score = 0;
    for (const word of words) if (set.has(word)) score++;
    const marks = letters[code];
    if (marks !== undefined) score += letterWeight(code) * countChars(text, marks);
    if (score > best.score) best = { code, score };
  }
  return best;
}

const scriptCache = new Map<string, string | null>();

/** The script of one character among SCRIPTS, or null (memoised: texts repeat few distinct characters). */
function scriptOf(ch: string): string | null {
  const cached = scriptCache.get(ch);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  if (/\p{L}|\p{M}/u.test(ch)) {
    for (const [name, re] of SCRIPTS) {
      if (re.test(ch)) {
        found = name;
        break;
      }
    }
  }
  scriptCache.set(ch, found);
  return found;
}

/** Per-script letter counts of a text. */
function scriptCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text) {
    const name = scriptOf(ch);
    if (name !== null) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** Latin-script texts with fewer words than this and no evidence of a language are undetectable. */
const SHORT_TEXT_WORDS = 4;

/**
 * The ISO 639-1 code of the text's language (`zh` for Chinese), or undefined when it cannot be told:
 * the text has no letters (langdetect raises "No features in text" there), or it is a few Latin-script
 * words with no function word or marker letter of any language. IFEval's `check_following` catches
 * `LangDetectException` and counts the instruction as followed; the verifiers do the same on undefined.
 */
export function detectLanguage(text: string): string | undefined {
  const counts = scriptCounts(text);
  let script: string | undefined;
  let most = 0;
  for (const [name, n] of counts) {
    if (n > most) {
      script = name;
      most = n;
    }
  }
  if (script === undefined) return undefined;
  const kana = counts.get('kana') ?? 0;
  if (script === 'han' || script === 'kana') return kana > 0 && kana * 10 >= most ? 'ja' : 'zh';
  const single = SINGLE_LANGUAGE[script];
  if (single !== undefined) return single;
  const lower = text.toLowerCase();
  const words = lower.match(/[\p{L}\p{M}]+/gu) ?? [];
  switch (script) {
    case 'cyrillic':
      return bestByScore(words, lower, CYRILLIC, MARKER_LETTERS, () => 0.5).code;
    case 'devanagari':
      return bestByScore(words, lower, DEVANAGARI, {}, () => 0).code;
    case 'arabic':
      return bestByScore(words, lower, ARABIC, ARABIC_SCRIPT_LETTERS, () => 0.3).code;
    default: {
      const best = bestByScore(words, lower, LATIN, MARKER_LETTERS, (code) => (code === 'vi' ? 1 : 0.3));
      if (best.score > 0) return best.code;
      // No function word and no marker letter: a few words ("OK", "Paris, London") are too short to
      // tell, like the texts on which langdetect fails (undefined: IFEval then counts the instruction
      // as followed); longer Latin text without evidence reads as English.
      return words.length < SHORT_TEXT_WORDS ? undefined : 'en';
    }
  }
}

/** Display names of IFEval's language codes, for feedback. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  es: 'Spanish',
  pt: 'Portuguese',
  ar: 'Arabic',
  hi: 'Hindi',
  fr: 'French',
  ru: 'Russian',
  de: 'German',
  ja: 'Japanese',
  it: 'Italian',
  bn: 'Bengali',
  uk: 'Ukrainian',
  th: 'Thai',
  ur: 'Urdu',
  ta: 'Tamil',
  te: 'Telugu',
  bg: 'Bulgarian',
  ko: 'Korean',
  pl: 'Polish',
  he: 'Hebrew',
  fa: 'Persian',
  vi: 'Vietnamese',
  ne: 'Nepali',
  sw: 'Swahili',
  kn: 'Kannada',
  mr: 'Marathi',
  gu: 'Gujarati',
  pa: 'Punjabi',
  ml: 'Malayalam',
  fi: 'Finnish',
  zh: 'Chinese',
  nl: 'Dutch',
  sv: 'Swedish',
  tr: 'Turkish',
  id: 'Indonesian',
  el: 'Greek',
};

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
