/** Tokens of a (normalized) LaTeX or plain-text math expression. */
export type MathToken =
  | { readonly kind: 'num'; readonly text: string }
  | { readonly kind: 'ident'; readonly text: string }
  | { readonly kind: 'func'; readonly text: string }
  | { readonly kind: 'cmd'; readonly text: string }
  | { readonly kind: 'sym'; readonly text: string };

export class MathParseError extends Error {}

/** Function names recognised with or without a backslash ("\sin x", "sin(x)"). */
export const FUNCTIONS = new Set([
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'arcsin',
  'arccos',
  'arctan',
  'sinh',
  'cosh',
  'tanh',
  'ln',
  'log',
  'exp',
  'sqrt',
  'abs',
]);

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
]);

const COMMAND_SYMBOLS: Readonly<Record<string, string>> = {
  cdot: '*',
  times: '*',
  ast: '*',
  div: '/',
};

const UNICODE_SYMBOLS: Readonly<Record<string, MathToken>> = {
  '×': { kind: 'sym', text: '*' },
  '·': { kind: 'sym', text: '*' },
  '⋅': { kind: 'sym', text: '*' },
  '÷': { kind: 'sym', text: '/' },
  '−': { kind: 'sym', text: '-' },
  π: { kind: 'cmd', text: 'pi' },
  '∞': { kind: 'cmd', text: 'infty' },
  '√': { kind: 'func', text: 'sqrt' },
};

/**
 * Splits an expression into tokens. Letter runs that name a known function or `pi` become one
 * token; any other run is a product of one-letter variables ("ab" = a·b), as in LaTeX math mode.
 */
export function tokenize(text: string): MathToken[] {
  const tokens: MathToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(text.slice(i));
    if (num !== null) {
      tokens.push({ kind: 'num', text: num[0] });
      i += num[0].length;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '%') {
      tokens.push({ kind: 'sym', text: '%' });
      i += 2;
      continue;
    }
    if (ch === '\\') {
      const cmd = /^\\([a-zA-Z]+)/.exec(text.slice(i));
      if (cmd?.[1] === undefined) throw new MathParseError(`unsupported "${text.slice(i, i + 2)}"`);
      const name = cmd[1];
      i += cmd[0].length;
      const symbol = COMMAND_SYMBOLS[name];
      if (symbol !== undefined) tokens.push({ kind: 'sym', text: symbol });
      else if (FUNCTIONS.has(name)) tokens.push({ kind: 'func', text: name });
      else if (GREEK.has(name)) tokens.push({ kind: 'ident', text: name });
      else tokens.push({ kind: 'cmd', text: name });
      continue;
    }
    const unicode = UNICODE_SYMBOLS[ch];
    if (unicode !== undefined) {
      tokens.push(unicode);
      i++;
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      const run = /^[a-zA-Z]+/.exec(text.slice(i))?.[0] ?? ch;
      i += run.length;
      tokens.push(...letterRun(run));
      continue;
    }
    if ("+-*/^_()[]{}!|%=,'".includes(ch)) {
      tokens.push({ kind: 'sym', text: ch });
      i++;
      continue;
    }
    throw new MathParseError(`unexpected "${ch}"`);
  }
  return tokens;
}

/** "sinx" -> sin, x; "pi" -> pi; "xy" -> x, y. Known names are matched greedily from the left. */
function letterRun(run: string): MathToken[] {
  const out: MathToken[] = [];
  let rest = run;
  outer: while (rest.length > 0) {
    for (let len = Math.min(6, rest.length); len >= 2; len--) {
      const head = rest.slice(0, len);
      if (FUNCTIONS.has(head)) {
        out.push({ kind: 'func', text: head });
        rest = rest.slice(len);
        continue outer;
      }
      if (head === 'pi') {
        out.push({ kind: 'cmd', text: 'pi' });
        rest = rest.slice(len);
        continue outer;
      }
    }
    out.push({ kind: 'ident', text: rest[0] ?? '' });
    rest = rest.slice(1);
  }
  return out;
}
