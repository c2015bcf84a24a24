import { describe, expect, it } from 'vitest';
import { IFEVAL_VERIFIERS } from './instruction-registry.js';
import type { Kwargs } from './verifier.js';

// Cases and expected verdicts from google-research instruction_following_eval/instructions_test.py
// (Apache-2.0), to check that the port agrees with the reference on its own tests.

function check(id: string, kwargs: Kwargs, response: string): boolean {
  const verifier = IFEVAL_VERIFIERS.get(id);
  if (verifier === undefined) throw new Error(`no verifier ${id}`);
  return verifier.check(response, kwargs, '').ok;
}

const BULLETS_1 = `
  A Markdown bullet point is a way of formatting text to create a list. To
  create a bullet point, start each line with an asterisk (*). For example:
  * This is a bullet point.
  *(no space required)Another bullet point.
  * (no newline ending required)Another bullet point.
  markdown bullet points are often used to create to-do lists or to list items
  in a step-by-step guide.`;
const BULLETS_2 = `
  Check that inline asterisk (*), *, will not be counted. Only * that starts a
  bullet list will be counted:
    * This is a bullet point.
    * Another bullet point.
    . dot is not counted`;
const BULLETS_4 = `
  Here are three markdown bullets:
  - I am a large language model, also known as a conversational AI.
  - I am trained on a massive amount of text data, and I am able to communicate.
  -I am still under development, but I am learning new things every day.`;
const BULLETS_5 = `
  Paragraph 1
  ***
  Paragraph 2
  ***
  Paragraph 3
  * only one bullet point
  `;
const HIGHLIGHT_1 = `
  To highlight text with Markdown, you can use the * character before and after
  the text you want to highlight. For example, if you want to highlight the
  word \`hello\`, you would type:*hello*, You can also use the ** character to
  create bold text. For example, if you want to bold the word \`hello\`, you
  would type: **hello** `;
const HIGHLIGHT_2 = `
  Sure, here are the numerical methods for solving partial differential
  equations highlighted with Markdown:
  *Finite difference methods
  *Finite element methods*
  *Boundary element methods
  *Monte Carlo methods
  I hope this helps!`;
const HIGHLIGHT_3 = `
  There is allowed to be *two different* highlighted *sections in the same*
  line. **This is also true** for **double markdown highlights.**
  `;
const PARAGRAPHS = [
  ['\n  paragraph 1\n  ***\n  paragraph 2\n  ***\n  paragraph 3', 3, true],
  [
    '\n          ***\n  paragraph 1\n          ***\n      paragraph 2\n          ***\n      paragraph 3',
    3,
    true,
  ],
  [
    '\n  paragraph 1\n          ***\n      paragraph 2\n          ***\n      paragraph 3\n          ***',
    3,
    true,
  ],
  ['\n  paragraph 1\n          ***\n      paragraph 2\n          ***\n          ***', 2, false],
] as const;
const FIRST_WORD_LONG = (third: string): string =>
  `\n  Wow this is a very long response.\n\n  I can't believe there is more than three paragraphs.\n\n  ${third}\n\n  I can't believe it but I guess I am living proof.\n\n  Haha, you go that right.`;
const FORBIDDEN_1 = `
  The Nazis came to power in 1933 through a combination of legal and illegal
  means. Hitler was appointed chancellor by President Paul von Hindenburg, and
  the Nazis quickly consolidated their power by passing a series of laws that
  restricted the rights of opposition parties and individuals. By 1934, Hitler
  had become dictator of Germany.
  `;

describe('IFEval verifiers agree with the reference tests', () => {
  it('length_constraints:number_sentences', () => {
    const k = (relation: string, n: number): Kwargs => ({ relation, num_sentences: n });
    expect(check('length_constraints:number_sentences', k('less than', 4), 'xx,x. xx,x! xx/x. x{x}x?')).toBe(
      false,
    );
    expect(check('length_constraints:number_sentences', k('less than', 5), 'xxxx. xx,x! xxxx. x(x)x?')).toBe(
      true,
    );
    expect(check('length_constraints:number_sentences', k('at least', 4), 'xxxx. xx,x! xx|x. x&x x?')).toBe(
      true,
    );
    expect(check('length_constraints:number_sentences', k('at least', 5), 'xx-x. xx,x! xx}x. x,xx?')).toBe(
      false,
    );
  });

  it('detectable_content:number_placeholders', () => {
    const template =
      'Sure, here is a short template with 5 placeholders:\n[Name]\n[Email]\n[Phone]\n[Address]\n[Website]\n' +
      'This template can be used for a variety of purposes, such ascreating a contact list, sending out surveys, or creating a sign-up form.';
    expect(check('detectable_content:number_placeholders', { num_placeholders: 5 }, template)).toBe(true);
    const short = 'My [adjective] [noun] is [adjective] [noun]. I [verb] and [verb].';
    expect(check('detectable_content:number_placeholders', { num_placeholders: 7 }, short)).toBe(false);
  });

  it('detectable_format:number_bullet_lists', () => {
    const id = 'detectable_format:number_bullet_lists';
    expect(check(id, { num_bullets: 3 }, BULLETS_1)).toBe(true);
    expect(check(id, { num_bullets: 2 }, BULLETS_2)).toBe(true);
    expect(check(id, { num_bullets: 3 }, BULLETS_4)).toBe(true);
    expect(check(id, { num_bullets: 1 }, BULLETS_5)).toBe(true);
  });

  it('detectable_format:constrained_response', () => {
    const id = 'detectable_format:constrained_response';
    expect(check(id, {}, '\n My answer is no.\n')).toBe(true);
    expect(check(id, {}, 'My answer is no.   ')).toBe(true);
    expect(check(id, {}, '\n  My answer is no. I am still under development and I am always learning.')).toBe(
      true,
    );
  });

  it('detectable_format:number_highlighted_sections', () => {
    const id = 'detectable_format:number_highlighted_sections';
    expect(check(id, { num_highlights: 2 }, HIGHLIGHT_1)).toBe(true);
    expect(check(id, { num_highlights: 2 }, HIGHLIGHT_2)).toBe(false);
    expect(check(id, { num_highlights: 4 }, HIGHLIGHT_3)).toBe(true);
  });

  it('detectable_format:multiple_sections', () => {
    const id = 'detectable_format:multiple_sections';
    const one =
      '\n  Your response must have multiple sections. Mark the beginning of each section\n  with "Section X", such as:\n' +
      '  Section 1\n  [content of section 1]\n  Section 2\n  [content of section 2]';
    expect(check(id, { section_spliter: 'Section', num_sections: 3 }, one)).toBe(false);
    const two = 'SECTION 1\n  [content of section 1]\n  SECTION 2\n  [content of section 2]';
    expect(check(id, { section_spliter: 'SECTION', num_sections: 2 }, two)).toBe(true);
  });

  it('length_constraints:number_paragraphs', () => {
    for (const [text, n, expected] of PARAGRAPHS) {
      expect(check('length_constraints:number_paragraphs', { num_paragraphs: n }, text), text).toBe(expected);
    }
  });

  it('detectable_content:postscript', () => {
    const id = 'detectable_content:postscript';
    const one =
      '\n  I will do my best.\n  and I am always learning new things.\n\n  P.S. I hope this is what you were looking for.';
    expect(check(id, { postscript_marker: 'P.S.' }, one)).toBe(true);
    expect(check(id, { postscript_marker: 'PS:' }, one)).toBe(false);
    const two =
      '\n  My response is: I hope this answers your question.\n\n  P.P.S. I am always happy to answer.\n\n  Do you have any other questions for me?';
    expect(check(id, { postscript_marker: 'P.P.S' }, two)).toBe(true);
    expect(
      check(
        id,
        { postscript_marker: 'P.S.' },
        'a point. (not starting a new line) P.S. I hope you enjoyed\n  my joke!',
      ),
    ).toBe(true);
    expect(
      check(
        id,
        { postscript_marker: 'P.P.S' },
        '\n  one.\n  p.p.s what if the entire response was lower case letters?\n  ',
      ),
    ).toBe(true);
    expect(
      check(
        id,
        { postscript_marker: 'P.S.' },
        '\n  mysterious.\n  P. S. Sometimes there are even spaces between P. and S..\n  ',
      ),
    ).toBe(true);
  });

  it('keywords:existence and keywords:frequency', () => {
    const keywords = ['romantic', 'river', 'Mona Lisa'];
    const paris1 = 'The romantic river Seine winds past the Louvre\n  Museum, where the Mona Lisa resides.';
    const paris2 =
      'It is home to the Louvre\n  Museum. The city is also known for its romantic\n  river cruises.';
    expect(check('keywords:existence', { keywords }, paris1)).toBe(true);
    expect(check('keywords:existence', { keywords }, paris2)).toBe(false);
    const id = 'keywords:frequency';
    const m1 = '\n  keyword, Keyword, KEYWORD\n  ';
    expect(check(id, { keyword: '  keyword ', frequency: 4, relation: 'less than' }, m1)).toBe(true);
    expect(check(id, { keyword: '  keyword ', frequency: 3, relation: 'at least' }, m1)).toBe(true);
    expect(
      check(
        id,
        { keyword: 'KEYWORD', frequency: 4, relation: 'at least' },
        '\n    *keyword\n    *Keyword\n    *KEYWORD\n  ',
      ),
    ).toBe(false);
  });

  it('length_constraints:number_words', () => {
    const id = 'length_constraints:number_words';
    const m1 = '\n  d3sCRi7 lArge lAnguagE M0del w1tH 20 w0RdS.';
    const m2 =
      '\n  L4RGE L4NGU4GE M0DEL: AI syst3m th4t und3rstands, g3n3r4tes, or tr4nsforms\n  l4ngu4g3 b4s3d on pr3vious l3arning & d4t4.';
    expect(check(id, { num_words: 8, relation: 'less than' }, m1)).toBe(true);
    expect(check(id, { num_words: 16, relation: 'less than' }, m2)).toBe(false);
    expect(check(id, { num_words: 16, relation: 'at least' }, m2)).toBe(true);
  });

  it('length_constraints:nth_paragraph_first_word', () => {
    const id = 'length_constraints:nth_paragraph_first_word';
    const three = { num_paragraphs: 3, nth_paragraph: 2, first_word: 'I' };
    expect(check(id, three, '\n  paragraph 1\n\n  I paragraph 2\n\n  paragraph 3')).toBe(true);
    expect(check(id, three, '\n  paragraph 1\n\n  I paragraph 2')).toBe(false);
    expect(check(id, three, '\n  paragraph 1\n\n  fail paragraph 2\n\n  paragraph 3')).toBe(false);
    const really = { num_paragraphs: 5, nth_paragraph: 3, first_word: 'Really' };
    expect(
      check(
        id,
        { num_paragraphs: 5, nth_paragraph: 5, first_word: 'haha' },
        FIRST_WORD_LONG('Really more than three? No way!'),
      ),
    ).toBe(true);
    expect(check(id, really, FIRST_WORD_LONG('"Really?! more than three? No way!"'))).toBe(true);
    expect(check(id, really, FIRST_WORD_LONG('Rea!lly more than three? No way!'))).toBe(false);
  });

  it('keywords:forbidden_words', () => {
    const id = 'keywords:forbidden_words';
    expect(check(id, { forbidden_words: ['HOUSE', 'POWER', 'BECOME'] }, FORBIDDEN_1)).toBe(false);
    expect(
      check(
        id,
        { forbidden_words: ['HOUSE', 'POWER', 'BECOME'] },
        'Dinosaurs were a diverse group of reptiles.',
      ),
    ).toBe(true);
    expect(
      check(
        id,
        { forbidden_words: ['GENE', 'TRANSFORM'] },
        'GPT, or Generative Pre-trained Transformer, is a family of models.',
      ),
    ).toBe(true);
  });
});
