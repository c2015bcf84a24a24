import { MathParseError, type MathToken, tokenize } from './math-tokens.js';
import { parseDecimal, type Rational } from './rational.js';

/** The syntax tree of a scalar math expression. */
export type MathNode =
  | { readonly type: 'num'; readonly value: Rational; readonly literal: boolean }
  | { readonly type: 'const'; readonly name: 'pi' | 'inf' }
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'neg'; readonly arg: MathNode }
  | {
      readonly type: 'bin';
      readonly op: '+' | '-' | '*' | '/' | '^';
      readonly left: MathNode;
      readonly right: MathNode;
    }
  | { readonly type: 'call'; readonly fn: string; readonly args: readonly MathNode[] };

/**
 * A recursive-descent parser for scalar expressions in LaTeX or plain text: + - * / ^, implicit
 * multiplication ("2\sqrt{3}", "(a+1)(b+2)"), \frac/\dfrac, \sqrt[n]{}, \binom, functions, |x|,
 * factorial, percent, and mixed numbers ("2\frac{1}{2}" = 5/2). It never evaluates code: the result
 * is a tree. Anything else (relations, subscripted bases like 52_8, commas) is a MathParseError.
 */
export function parseMath(text: string): MathNode {
  const parser = new Parser(tokenize(text));
  const node = parser.expression();
  if (!parser.done()) throw new MathParseError(`unexpected "${parser.peekText()}"`);
  return node;
}

const VALUE_COMMANDS = new Set([
  'frac',
  'dfrac',
  'tfrac',
  'cfrac',
  'sqrt',
  'binom',
  'dbinom',
  'tbinom',
  'pi',
  'infty',
]);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly MathToken[]) {}

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peekText(): string {
    return this.tokens[this.pos]?.text ?? 'end';
  }

  private peek(): MathToken | undefined {
    return this.tokens[this.pos];
  }

  private isSym(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'sym' && t.text === text;
  }

  private take(): MathToken {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new MathParseError('unexpected end');
    this.pos++;
    return t;
  }

  private expect(text: string): void {
    if (!this.isSym(text)) throw new MathParseError(`expected "${text}" but found "${this.peekText()}"`);
    this.pos++;
  }

  expression(): MathNode {
    let left = this.term();
    while (this.isSym('+') || this.isSym('-')) {
      const op = this.take().text as '+' | '-';
      left = { type: 'bin', op, left, right: this.term() };
    }
    return left;
  }

  private term(): MathNode {
    let left = this.unary();
    for (;;) {
      if (this.isSym('*') || this.isSym('/')) {
        const op = this.take().text as '*' | '/';
        left = { type: 'bin', op, left, right: this.unary() };
      } else if (this.startsFactor()) {
        left = { type: 'bin', op: '*', left, right: this.power() };
      } else {
        return left;
      }
    }
  }

  /** Whether the next token can begin an implicitly multiplied factor. */
  private startsFactor(): boolean {
    const t = this.peek();
    if (t === undefined) return false;
    if (t.kind === 'ident' || t.kind === 'func') return true;
    // A number starts an implicit factor only after a closing bracket ("2^{25}26!", "(1+2)3"): "1 2"
    // is not 2, and "12 or 13" is not a product.
    if (t.kind === 'num') {
      const prev = this.tokens[this.pos - 1];
      return prev?.kind === 'sym' && (prev.text === '}' || prev.text === ')');
    }
    if (t.kind === 'cmd') return VALUE_COMMANDS.has(t.text);
    return t.text === '(' || t.text === '{' || t.text === '[';
  }

  private unary(): MathNode {
    if (this.isSym('-')) {
      this.pos++;
      return { type: 'neg', arg: this.unary() };
    }
    if (this.isSym('+')) {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }

  private power(): MathNode {
    const base = this.postfix(this.primary());
    if (!this.isSym('^')) return base;
    this.pos++;
    const exponent = this.isSym('-') || this.isSym('+') ? this.unary() : this.postfix(this.primary());
    return { type: 'bin', op: '^', left: base, right: exponent };
  }

  private postfix(node: MathNode): MathNode {
    let out = node;
    for (;;) {
      if (this.isSym('!')) {
        this.pos++;
        out = { type: 'call', fn: 'factorial', args: [out] };
      } else if (this.isSym('%')) {
        this.pos++;
        out = { type: 'call', fn: 'percent', args: [out] };
      } else {
        return out;
      }
    }
  }

  private group(open: string, close: string): MathNode {
    this.expect(open);
    const inner = this.expression();
    this.expect(close);
    return inner;
  }

  /** A LaTeX argument: {expr}, or a single token (\frac12 reads 1 and 2; \sqrt2 reads 2). */
  private argument(): MathNode {
    if (this.isSym('{')) return this.group('{', '}');
    const t = this.peek();
    if (t?.kind === 'num' && /^\d\d/.test(t.text)) {
      // "\frac12": the first digit is one argument; the rest stays for the next read.
      (this.tokens as MathToken[]).splice(
        this.pos,
        1,
        { kind: 'num', text: t.text[0] ?? '' },
        {
          kind: 'num',
          text: t.text.slice(1),
        },
      );
    }
    return this.primary();
  }

  private primary(): MathNode {
    const t = this.take();
    switch (t.kind) {
      case 'num':
        return this.number(t.text);
      case 'ident': {
        if (this.isSym('_')) {
          this.pos++;
          const sub = this.take();
          return { type: 'var', name: `${t.text}_${sub.text}` };
        }
        return { type: 'var', name: t.text };
      }
      case 'func':
        return this.func(t.text);
      case 'cmd':
        return this.command(t.text);
      case 'sym':
        if (t.text === '(') return this.finishGroup(')');
        if (t.text === '{') return this.finishGroup('}');
        if (t.text === '[') return this.finishGroup(']');
        if (t.text === '|') {
          const inner = this.expression();
          this.expect('|');
          return { type: 'call', fn: 'abs', args: [inner] };
        }
        throw new MathParseError(`unexpected "${t.text}"`);
    }
  }

  private finishGroup(close: string): MathNode {
    const inner = this.expression();
    this.expect(close);
    return inner;
  }

  private number(text: string): MathNode {
    const value = parseDecimal(text);
    if (value === undefined) throw new MathParseError(`bad number "${text}"`);
    if (this.isSym('_')) throw new MathParseError('subscripted number (a base?)');
    const next = this.peek();
    // Mixed number: an integer directly followed by \frac of two integers.
    if (/^\d+$/.test(text) && next?.kind === 'cmd' && /^[dtc]?frac$/.test(next.text)) {
      const save = this.pos;
      this.pos++;
      const num = this.argument();
      const den = this.argument();
      if (isIntegerLiteral(num) && isIntegerLiteral(den)) {
        return {
          type: 'bin',
          op: '+',
          left: { type: 'num', value, literal: true },
          right: { type: 'bin', op: '/', left: num, right: den },
        };
      }
      this.pos = save;
    }
    return { type: 'num', value, literal: true };
  }

  private func(name: string): MathNode {
    if (name === 'sqrt') return this.command('sqrt');
    let base: MathNode | undefined;
    if (name === 'log' && this.isSym('_')) {
      this.pos++;
      base = this.argument();
    }
    let exponent: MathNode | undefined;
    if (this.isSym('^')) {
      // \sin^2 x = (\sin x)^2
      this.pos++;
      exponent = this.argument();
    }
    const arg = this.isSym('(') ? this.group('(', ')') : this.power();
    const call: MathNode = { type: 'call', fn: name, args: base === undefined ? [arg] : [arg, base] };
    return exponent === undefined ? call : { type: 'bin', op: '^', left: call, right: exponent };
  }

  private command(name: string): MathNode {
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const num = this.argument();
        const den = this.argument();
        return { type: 'bin', op: '/', left: num, right: den };
      }
      case 'sqrt': {
        if (this.isSym('[')) {
          const index = this.group('[', ']');
          return { type: 'call', fn: 'root', args: [this.argument(), index] };
        }
        return { type: 'call', fn: 'sqrt', args: [this.isSym('(') ? this.group('(', ')') : this.argument()] };
      }
      case 'binom':
      case 'dbinom':
      case 'tbinom':
        return { type: 'call', fn: 'binom', args: [this.argument(), this.argument()] };
      case 'pi':
        return { type: 'const', name: 'pi' };
      case 'infty':
        return { type: 'const', name: 'inf' };
      default:
        throw new MathParseError(`unsupported \\${name}`);
    }
  }
}

function isIntegerLiteral(node: MathNode): boolean {
  return node.type === 'num' && node.literal && node.value.d === 1n && node.value.n >= 0n;
}

/** The variable names an expression uses. */
export function variablesOf(node: MathNode, into = new Set<string>()): Set<string> {
  switch (node.type) {
    case 'var':
      into.add(node.name);
      break;
    case 'neg':
      variablesOf(node.arg, into);
      break;
    case 'bin':
      variablesOf(node.left, into);
      variablesOf(node.right, into);
      break;
    case 'call':
      for (const a of node.args) variablesOf(a, into);
      break;
    default:
      break;
  }
  return into;
}
