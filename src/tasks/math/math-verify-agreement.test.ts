import { describe, expect, it } from 'vitest';
import { scoreMathResponse } from './score-math-response.js';

/**
 * Agreement with Math-Verify (huggingface/Math-Verify, `tests/`) on its own test cases, re-written
 * here: [reference, response, Math-Verify's verdict, where the case comes from]. Long model outputs
 * are shortened to the part that decides the case (where the answer stands, what precedes and
 * follows it). A fifth element marks a case where sepo deliberately decides otherwise, and why.
 */
type Case = readonly [
  reference: string,
  response: string,
  expected: 0 | 1,
  source: string,
  departure?: string,
];

const r = String.raw;

const DECIMAL_COMMA = 'a comma between digits is a thousands or list separator, never a decimal comma';

const CASES: readonly Case[] = [
  // test_number_extraction (expr extraction)
  ['-5', '-5', 1, 'numbers'],
  ['7425000', '7,425,000', 1, 'numbers'],
  ['1000', '1 000', 1, 'numbers'],
  ['1000', '1000.0', 1, 'numbers'],
  ['1000.0', '1,000.0', 1, 'numbers'],
  ['1000.99', '1000,99', 1, 'numbers', DECIMAL_COMMA],
  ['1,22', '1.22', 1, 'numbers', DECIMAL_COMMA],
  ['2.74', 'Soucis : 2,74 $ a..', 1, 'numbers', DECIMAL_COMMA],
  ['0.4', '.4', 1, 'numbers'],
  ['1000.99', '1,000.99', 1, 'numbers'],
  ['1000.99', '$1,000.99', 1, 'numbers'],
  ['1000.99', '1,000.99$', 1, 'numbers'],
  ['1000.99', 'the number is not 10 which is 1,000.99€', 1, 'numbers'],
  ['1000.99', 'so the number is 10 which is 1,000.99m²', 1, 'numbers'],
  ['0,111', '0.111', 1, 'numbers', DECIMAL_COMMA],
  ['2', 'AZYUK2A', 0, 'numbers'],
  // test_simple_fraction_notation
  ['10/9', r`\frac{10}{9}`, 1, 'fractions'],
  ['-10/9', r`-\frac{10}{9}`, 1, 'fractions'],
  // test_sets_handling
  ['$[0,1)$', '$[0,1)$', 1, 'sets'],
  ['$[0,9)$', '$[0,1)$', 0, 'sets'],
  ['$(0,9)$', '$[0,9)$', 0, 'sets'],
  ['$1$', '$-[0,1)$', 0, 'sets'],
  // test_latex_notation (latex extraction only)
  ['$9$', r`Answer \[ 9 \]`, 1, 'latex delimiters'],
  ['$9$', 'Answer $ 9 $', 1, 'latex delimiters'],
  ['$9$', 'Answer $$ 9 $$', 1, 'latex delimiters'],
  ['$9$', r`Answer \( 9 \)`, 1, 'latex delimiters'],
  ['$10$', r`Answer \( (9+1) \)`, 1, 'latex delimiters'],
  // These two are tested with latex extraction only, where nothing is read (verdict 0). At the
  // default setting (latex + expr) the 9 standing alone is read: that verdict (1) is the one here.
  ['$9$', 'Answer $ \n 9 \n $', 1, 'latex delimiters (default-setting verdict)'],
  ['$9$', 'Answer \\( \n 9 \n \\)', 1, 'latex delimiters (default-setting verdict)'],
  ['$9$', 'Answer \\[ \n 9 \n \\]', 1, 'latex delimiters'],
  ['$9$', 'Answer $$ \n 9 \n $$', 1, 'latex delimiters'],
  ['$10/9$', r`Answer $ \frac{1}{2} \$ = \frac{10}{9} $`, 1, 'latex delimiters'],
  ['$1/3$', r`$\frac13 $`, 1, 'latex notation'],
  ['$1$', r`$\frac3{3} $`, 1, 'latex notation'],
  [r`$\sqrt{3}$`, r`$\sqrt3 $`, 1, 'latex notation'],
  ['$1/3$', r`$\cfrac{1}{3} $`, 1, 'latex notation'],
  ['$1/3$', r`$\dfrac{1}{3} $`, 1, 'latex notation'],
  ['$1/3$', r`$\tfrac{1}{3} $`, 1, 'latex notation'],
  ['$1/3$', '$ 1/3 $', 1, 'latex notation'],
  ['$1/3$', r`$\left( \frac{1}{3} \right)$`, 1, 'latex notation'],
  ['$1/3$', r`$\boxed{\frac{1}{3}}$`, 1, 'latex notation'],
  ['$1/3$', r`$\frac{1}{3} \text{meters}$`, 1, 'latex notation'],
  ['$1/3$', r`$\frac{1}{3} \textbf{meters}$`, 1, 'latex notation'],
  ['$1/3$', r`$k = \frac{1}{3}$`, 1, 'latex notation'],
  // test_percent_notation
  [r`$28\%$`, '28 percent', 1, 'percent'],
  [r`$28\%$`, '28 pct', 1, 'percent'],
  [r`$28\%$`, '28 %', 1, 'percent'],
  [r`$28\%$`, '$28$ %', 1, 'percent'],
  [r`$28\%$`, '$28$ percent', 1, 'percent'],
  [r`$28\%$`, r`$\boxed{28}$ pct`, 1, 'percent'],
  [r`$28\%$`, r`$\boxed{28 pct}`, 1, 'percent'],
  [r`$28\%$`, r`$\boxed{28 percent}`, 1, 'percent'],
  [r`$28\%$`, r`$\boxed{28 percentage}`, 1, 'percent'],
  [r`$28\%$`, '28', 1, 'percent'],
  ['$0.28$', '28', 0, 'percent'],
  ['$28/100$', '28', 0, 'percent'],
  ['$28$', '28/100', 0, 'percent'],
  [r`$\frac{28}{100}$`, '28', 0, 'percent'],
  [r`$28*\frac{1}{100}$`, '28', 0, 'percent'],
  // test_latex_notation_math (MATH solutions; long ones shortened)
  [
    '$2-2p$',
    r`Since $x<2$, $|x-2|=2-x$. If $2-x=p$, then $x=2-p$. Thus $x-p=\boxed{2-2p}$.`,
    1,
    'MATH solutions',
  ],
  [
    r`\boxed{` + '\n' + r`\begin{pmatrix} 0 & 3 \\ 0 & -1 \end{pmatrix}` + '\n}.',
    r`\boxed{` + '\n' + r`\begin{pmatrix} 0 & 3 \\ 0 & -1 \end{pmatrix}` + '\n}.',
    1,
    'MATH solutions',
  ],
  [
    r`The overall loss is $100 \% - 72 \%=28 \%$. Final Answer: The final answer is $28 \%$. I hope it is correct. Note: the solution above is incorrect. Final Answer: The final answer is $28 \%$. I hope it is correct. Note: the correct approach is`,
    r`If its initial value was $x$, after Monday it is $.9x$, then $.8\cdot .9x = .72x$, a total loss of $\boxed{28\%}$.`,
    1,
    'MATH solutions',
  ],
  [
    r`The smallest is $14{,}912.$ Not a multiple of $3$; our next possibility, $14{,}916,$ is. Therefore, $\boxed{14{,}916}$ is our answer.`,
    r`The sum of the digits is $18 + A$. So $N = 14 {, }916$. Final Answer: The final answer is $14 {, }916$. I hope it is correct. Note: please double-check the calculations. [Note: the solution provided is correct.]`,
    1,
    'MATH solutions',
  ],
  [
    r`Since $25<30<36$, we have $5<\sqrt{30}<6$, so the sum is located between $\boxed{12\text{ and }13}$. To be more precise, $\sqrt{50}>7$.`,
    r`So $\sqrt{30} + \sqrt{50} \approx12.547$. Therefore the graph is located between $\boxed{12 $ and $13 }. $ Final Answer: The final answer is "$12 $ and $13 $". I hope it is correct.`,
    1,
    'MATH solutions',
  ],
  [
    r`$(3, \frac{\pi}{2})$`,
    r`We have that $r = \\sqrt{0^2 + 3^2} = 3.$ The line to $(0,3)$ makes an angle of $\\frac{\\pi}{2}$.` +
      '\n\n[asy]\nunitsize(0.8 cm);\ndot((0,3), red);\nlabel("$(0,3)$", (0,3), W);\n[/asy]\n\n' +
      r`Therefore, the polar coordinates are $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.$`,
    1,
    'MATH solutions',
  ],
  [r`$\frac{14}{3}$`, r`$f(-2)+f(-1)+f(0)=2+\frac{5}{3}+1=\boxed{\frac{14}{3}}$`, 1, 'MATH solutions'],
  [
    r`$\text{Evelyn}$`,
    r`Evelyn went almost as far as Carla in less than half the time. Therefore, $\boxed{\text{Evelyn}}$ is our answer.`,
    1,
    'MATH solutions',
  ],
  [
    r`$90^\circ$`,
    r`The direction vectors satisfy \[\begin{pmatrix} 3 \\ 2 \\ -6 \end{pmatrix} \cdot \begin{pmatrix} 2 \\ -12 \\ -3 \end{pmatrix} = 0.\]Hence, the angle between the lines is $\boxed{90^\circ}.$`,
    1,
    'MATH solutions',
  ],
  [
    r`$3\sqrt{13}$`,
    r`\begin{align*} \sqrt{(2 - (-4))^2 + ((-6) - 3)^2} &= \sqrt{117} = \boxed{3\sqrt{13}}. \end{align*}`,
    1,
    'MATH solutions',
  ],
  [
    r`$\frac{3}{56}$`,
    r`In particular, \[q(8) = -\frac{37}{8},\]so \[p(8) = \frac{q(8) + 8}{8^2 - 1} = \boxed{\frac{3}{56}}.\]`,
    1,
    'MATH solutions',
  ],
  [
    '$2$',
    r`Only $4^2=16$ and $6^2=36$ end in $6$. Thus, there are $\boxed{2}$ distinct possible values for $B$.`,
    1,
    'MATH solutions',
  ],
  [
    r`$15\mbox{ cm}^2$`,
    r`The base is $10\text{ cm}.$ The area is $$\frac{1}{2}\times 3 \times 10 = \boxed{15\mbox{ cm}^2}.$$`,
    1,
    'MATH solutions',
  ],
  [
    '$-2,1$',
    r`The candidates are $-14,$ $-7,$ $-2,$ $-1,$ $1,$ $2,$ $7,$ and $14.$ Checking, the only integer roots are $\boxed{-2,1}.$`,
    1,
    'MATH solutions',
  ],
  [
    '$9$',
    r`Since $3^5 \equiv 1 \pmod{11},$ we get $129^{34}+96^{38} \equiv \boxed{9} \pmod{11}.$`,
    1,
    'MATH solutions',
  ],
  [
    r`$90^\circ$`,
    r`Therefore, \begin{align*} \angle BAC &= 50^\circ+40^\circ \\ &= \boxed{90^\circ}. \end{align*}`,
    1,
    'MATH solutions',
  ],
  [
    '$0$',
    r`They agree at three values, so the degree of $p(x)$ (which is the constant polynomial 1) is $\boxed{0}.$`,
    1,
    'MATH solutions',
  ],
  [
    '$204_5$',
    r`\[ \begin{array}{c|ccc} \multicolumn{2}{r}{2} & 0 & 4 \end{array} \]for a quotient of $\boxed{204_5}$. Note that $13_5$ divided by $2_5$ is $4_5$.`,
    1,
    'MATH solutions',
  ],
  ['$(6,31,-1)$', r`Solving the system, we find $(p,q,r) = \boxed{(6,31,-1)}.$`, 1, 'MATH solutions'],
  [
    r`$1 \pm \sqrt{19}$`,
    r`This gives $x^2 - 2x - 18 = 0.$ By the quadratic formula, $x = \boxed{1 \pm \sqrt{19}}.$`,
    1,
    'MATH solutions',
  ],
  [
    r`$3 \pm 2 \sqrt{2}$`,
    r`So $x^2 - 6x + 1 = 0.$ The roots are $x = \boxed{3 \pm 2 \sqrt{2}}.$`,
    1,
    'MATH solutions',
  ],
  [
    r`$\{1\pm\sqrt{5},-2\}$`,
    r`The roots of $P(x)$ are $-2$ and $1 \pm \sqrt{5}$, so the answer is $\boxed{\{1\pm\sqrt{5},-2\}}.$`,
    1,
    'MATH solutions',
  ],
  [
    '$f(2) < f(1) < f(4)$',
    'The axis of symmetry is $x = 2.$\n\n[asy]\nlabel("$x = 2$", (0,2), N);\n[/asy]\n\nHence, $\\boxed{f(2) < f(1) < f(4)}.$',
    1,
    'MATH solutions',
  ],
  [
    r`$2 \sin b \cos a$`,
    'By sum-to-product,\n' + r`\[\sin (a + b) - \sin (a - b) = \boxed{2 \sin b \cos a}.\]`,
    1,
    'MATH solutions',
  ],
  [
    r`$\frac{\pi r}{h+r}$`,
    r`The ratio is $\frac{\pi r^2}{rs} = \frac{\pi r}{s}$ and $s = x+y+z = h+r$. The answer is $\boxed{\frac{\pi r}{h+r}}$.`,
    1,
    'MATH solutions',
  ],
  ['$125$ miles', r`The distance is $\boxed{125\textnormal{ miles}}.$`, 1, 'MATH solutions'],
  [
    r`$[-1, -\frac{1}{2}) \cup (-\frac{1}{2}, 0) \cup (0, 1) \cup (1, \infty)$`,
    r`The solution set is $\boxed{[-1, -\tfrac12) \cup (-\tfrac12, 0) \cup (0, 1) \cup (1, \infty)}.$`,
    1,
    'MATH solutions',
  ],
  [r`$\sqrt{2}+\sqrt{5}$`, r`The answer is $\boxed{\sqrt 2+\sqrt 5}$`, 1, 'MATH solutions'],
  [r`$\frac{9}{4}\pi$`, r`Therefore $\boxed{\frac94\pi}$.`, 1, 'MATH solutions'],
  [r`x \in \boxed{\{-1\} \cup [0,7)}.$`, r`x \in \boxed{\{-1\} \cup [0,7)}.$`, 1, 'MATH solutions'],
];

const CASES_2: readonly Case[] = [
  // test_relations_math
  ['$x >= 5$', r`Therefore $x \geq 5$ is the solution.`, 1, 'relations'],
  ['$x < 3$', r`We find that $x \lt 3$.`, 1, 'relations'],
  [r`$x \leq 2$`, 'Thus $x <= 2$ is our answer.', 1, 'relations'],
  ['$x > 5$', r`Therefore $x \gt 5$ is the solution.`, 1, 'relations'],
  ['$x != 3$', r`We find that $x \neq 3$.`, 1, 'relations'],
  ['$x > 5$', 'Therefore $x < 5$ is the solution.', 0, 'relations'],
  [r`$x \geq 5$`, r`The solution is $x \leq 5$`, 0, 'relations'],
  [r`$x \neq 5$`, 'The solution is $x != 5$', 1, 'relations'],
  [r`$x \leq 5$`, r`$5 \geq x$`, 1, 'relations'],
  [r`$x \geq 5$`, r`$5 \leq x$`, 1, 'relations'],
  ['$x = 11$', '$x = 5+5+1 = 7 =11$', 1, 'relations'],
  ['$7 = 11a+c$', '$11a+c$', 0, 'relations'],
  ['$x = 1/3$', r`$x = 5+5+1 = 1/3 \approx 11$`, 1, 'relations'],
  ['$11$', '$x=11$', 1, 'relations'],
  ['$11$', r`$x\approx11$`, 1, 'relations'],
  ['$1/3$', r`$x=1/3\approx1.3$`, 1, 'relations'],
  ['$x < 1$', '$-x > -1$', 1, 'relations'],
  ['$x < 1$', '$x > -1$', 0, 'relations'],
  ['$x <= 1$', '$-x >= -1$', 1, 'relations'],
  ['$a +3z = 0$', '$0$', 0, 'relations'],
  [r`$1 = \zzz = x = 0$`, '$0$', 1, 'relations'],
  ['$2x + z = 1$', '$1$', 0, 'relations'],
  ['$a^2 + b = 0$', '$0$', 0, 'relations'],
  ['$k=1$', '$1$', 1, 'relations'],
  ['$1$', '$k=1$', 1, 'relations'],
  ['$z = 1 + 1 = 2$', '$z = 3+3 = 2$', 1, 'relations'],
  ['$2x+4y-3=0$', r`$y=-\frac{1}{2}x+\frac{3}{4}$`, 1, 'relations'],
  ['$x^2/4 + y^2/3 = 1$', '$x^2/16 + y^2/12 = 1/4$', 1, 'relations'],
  // test_matrix_extraction
  [
    '$189$',
    'So the area is (15 +27)/2 *9=189.\n\n**Final Answer**\n\\boxed{189}\n</think>\n\nUsing the shoelace formula, \\[ \\text{Area} = \\frac{1}{2} \\times 378 = 189 \\]\n\nThus, the area of the trapezoid is \\(\\boxed{189}\\) square centimeters.',
    1,
    'matrices',
  ],
  [
    r`$\begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix}$`,
    r`The identity matrix is $ \begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix} $.`,
    1,
    'matrices',
  ],
  [
    r`$\begin{bmatrix}0 & 0 \\0 & 0\end{bmatrix}$`,
    r`Here is a zero matrix: $ \begin{pmatrix}0 & 0 \\0 & 0\end{pmatrix} $`,
    1,
    'matrices',
  ],
  [
    r`$\begin{pmatrix}1 & 2 \\3 & 4\end{pmatrix}$`,
    r`Special matrix: $ \left[\begin{array}{cc}1 & 2 \\3 & 4\end{array}\right] $`,
    1,
    'matrices',
  ],
  [
    r`$\begin{pmatrix}\frac{1}{2} & \frac{3}{4} \\ \frac{5}{6} & \frac{7}{8}\end{pmatrix}$`,
    r`Matrix with fractions: $ \begin{pmatrix}\frac{1}{2} & \frac{3}{4} \\ \frac{5}{6} & \frac{7}{8}\end{pmatrix} $`,
    1,
    'matrices',
  ],
  [
    r`$\begin{pmatrix}6 & 8 \\ 10 & 12\end{pmatrix}$`,
    r`The sum is $\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix} + \begin{pmatrix}5 & 6 \\ 7 & 8\end{pmatrix}$`,
    1,
    'matrices',
    'matrix arithmetic is not evaluated: an unevaluated sum is not accepted as its value',
  ],
  [
    r`$\begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix}$`,
    r`When multiplying by identity: $\begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix} \begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix}$`,
    1,
    'matrices',
    'matrix arithmetic is not evaluated: an unevaluated product is not accepted as its value',
  ],
  [
    r`$\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix}$`,
    r`The matrix is $\begin{pmatrix}1 & 2 \\ 3 & 5\end{pmatrix}$`,
    0,
    'matrices',
  ],
  // test_complex_math_expressions at the default precision (6)
  [r`$\frac{1}{12}$`, '$0.0833333333333333$', 1, 'expressions'],
  [r`$(1,\frac{9}{2})$`, '$(1,4.5)$', 1, 'expressions'],
  [r`$\frac{x+2}{7}$`, r`$\frac{x}{7}+\frac{2}{7}$`, 1, 'expressions'],
  [r`$\tan^2(y)+1$`, r`$\sec^2(y)$`, 1, 'expressions'],
  [
    r`$\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\\\end{pmatrix}$`,
    r`$\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\\\end{pmatrix}$`,
    1,
    'expressions',
  ],
  [
    r`$\begin{pmatrix}\frac{1}{3\sqrt[3]{x}^2}&0&0\\0&1&0\\-\sin(x)&0&0\end{pmatrix}$`,
    r`$\begin{pmatrix}\frac{1}{3x^{2/3}}&0&0\\0&1&0\\-\sin(x)&0&0\end{pmatrix}$`,
    1,
    'expressions',
  ],
  ['$34x+45y-20z+100=0$', '$-34x-45y+20z-100=0$', 1, 'expressions'],
  [
    r`$\frac{\sqrt{\sqrt{11}+\sqrt{194}}}{15+2\sqrt{33}}$`,
    r`$\frac{\sqrt{\sqrt{11}+\sqrt{194}}}{2\sqrt{33}+15}$`,
    1,
    'expressions',
  ],
  ['$(a+5)(b+2)$', '$(+5)(b+2)$', 0, 'expressions'],
  ['$2$', r`$\frac{1+\sqrt{5}}{2}$`, 0, 'expressions'],
  ['$4$', r`$\frac{34}{16}+\frac{\sqrt{1358}}{16}$`, 0, 'expressions'],
  [r`$1\sqrt{19}$`, '$1$', 0, 'expressions'],
  ['$x+2n+1$', '$x+1$', 0, 'expressions'],
  // test_sqrt_precision, test_symbols (the reference there is "$<TAB>ext{13}$": a Python "\t")
  ['$4$', r`$4\sqrt{2}$`, 0, 'expressions'],
  ['$\text{13}$', '$13$', 0, 'expressions'],
];

const CASES_3: readonly Case[] = [
  // test_math_extraction_edge_cases (model outputs; shortened)
  [
    '$2/3$',
    'P(A) - (1/4) * P(A) = 1/2 (3/4) * P(A) = 1/2 P(A) = 2/3 Therefore, the probability that Alice wins the game is 2/3. <|im_start|>user',
    1,
    'model outputs',
  ],
  [
    '$12$',
    r`So $1+nd = 91$ and $d = \frac{90}{n}$. The divisors of 90 are 1, 2, 3, 5, 6, 9, 10, 15, 18, 30, 45, and 90. For each divisor $n$ there is a unique $d = \frac{90}{n}$. Therefore, there are 12 distinct arithmetic sequences that meet the three given conditions. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`$(7,6)$`,
    r`Now substitute: $y = 8.8 - 2.8 = 6$ So, the ordered pair $(x, y)$ that solves the system is $(7, 6)$. I apologize for the mistake. Let's correct it. $x = \frac{24.08}{3.44} = 7$ and $y = 8.8 - 0.4(7)$ $y = 6$ So, the ordered pair $(x, y)$ that solves the system is $(7, 6)$. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    '$[0,1)$',
    r`This gives $-1 < x < 1$, so the domain of $q(x)$ is the interval $(0, 1)$. Final Answer: The final answer is $(0, 1)$. I hope it is correct. <|im_start|>user`,
    0,
    'model outputs',
  ],
  [
    '$[-3,2]$',
    r`The domain is the interval between the roots, which is $\boxed{[-3, 2]}$. Final Answer: The final answer is $[-3, 2]$. I hope it is correct. I apologize for the mistake. The domain is the interval outside the roots, which is $\boxed{(-\infty, -3] \cup [2, \infty)}$. Final Answer: The final answer is $(-\infty, -3] \cup [2, \infty)$. I hope it is correct. <|im_start|>user`,
    0,
    'model outputs',
  ],
  [
    '$16386.20$',
    r`Paula invested $\$10,\!000$, so $P = \$10,\!000$. \[A \approx 16386.20\] Rounded to the nearest cent, Paula's investment is worth $\boxed{\$16,\!386.20}$ at the end of the 5-year period. The answer is $16,\!386.20$. I apologize for the repetition. Here is the correct solution: To find the value of her investment, we use \[A = P \left(1 + \frac{r}{n}\right)^{nt}\] In this`,
    1,
    'model outputs',
  ],
  [
    '$120$',
    r`The base area is $\frac{1}{2} \times 5 \times 6 = 15$, so $h = 4$ and the volume is $5 \times 6 \times 4 = 120$. Final Answer: The volume of $ABCDEFGH$ is 120. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '12000023',
    r`For 49,479, the remainder is $49,\!479 \mod 7 = 3$. Sum: $85 + (-67) + 12,\!000,\!003 + (-3) = 12,\!000,\!023$. Final Answer: The final answer is 12,000,023. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    '$14916$',
    r`Therefore, the smallest possible value for $N$ is $14{,}922$. Final Answer: The smallest possible value of $N$ is $\boxed{14{,}916}$. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`$\\left(\\frac{1}{5},\\frac{1}{6}\\right)$`,
    r`Thus, $(p,q) = \boxed{\left( \frac{1}{5}, \frac{1}{6} \right)}.$ Final Answer: The final answer is $\left( \frac{1}{5}, \frac{1}{6} \right)$. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`$\\left(\\frac{4}{5},\\frac{1}{5}\\right)$`,
    r`Thus, $(t,u) = \boxed{\left( \frac{4}{5}, \frac{1}{5} \right)}.$ Final Answer: The final answer is $\left( \frac{4}{5}, \frac{1}{5} \right)$. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`$\frac{5\sqrt{42}}{27}$`,
    r`\begin{align*} \sqrt{1050} &= 10\sqrt{10.5}. \end{align*} Final Answer: The final answer is $\frac{10\sqrt{10.5}}{27}$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$16386.17$',
    r`Calculating this gives \[A \approx 16386.169.\] Rounded to the nearest cent, Paula's investment is worth $\boxed{\$16386.17}$ after 5 years. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`So we have the equation $x=\frac{1}{4}(1-x)$. Solving for $x$ yields $x=1/5$, or $\boxed{20}$ percent.`,
    r`$$\frac{\frac{A }{4 }}{\frac{5A }{4 }}=\frac{1 }{5 }=\boxed{20 \%}. $$ Final Answer: The final answer is $20 \%$. I hope it is correct. Note: The solution assumes that the total is the sum of adults and children. Note: The solution assumes`,
    1,
    'model outputs',
  ],
  // test_math_extraction_additional_cases
  [
    '$less than or equal to zero between its roots.\n\nThus, the solution in interval notation is:\n\n\\[ \\boxed{[-2, 7]} \\]$',
    r`$x \in [-2,7]$`,
    1,
    'model outputs',
  ],
  [
    '$3$',
    r`Since the bases are the same, \[s + 6 = 3 + 2s\] \[3 = s\] So, Jane started growing Sphere 3 hours ago, and Rod $t = s + 5 = 8$ hours ago. Final Answer: Jane started growing Sphere 3 hours ago. I hope it is correct. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    '$19$',
    r`The range is $\{0,1,2,3,4,5,6,7,8,9\}$, so the total number of points is $1 + 2 \times 9 = 19$ points. Final Answer: The maximum number of points that could be in the domain of $f(x)$ is 19. <|im_start|>user`,
    1,
    'model outputs',
  ],
  [
    r`$(\tfrac{27}{8},\tfrac{15}{8})$`,
    r`So $x = 0$. Therefore, the point where the line intersects $\overline{CD}$ is $\boxed{(0, 0)}$. Final Answer: The final answer is $(0, 0)$. I hope it is correct. <|im_start|>user`,
    0,
    'model outputs',
  ],
  ['$34$', 'Final Answer: The largest $n$ is 34.', 1, 'model outputs'],
  [
    r`$\\left( \\frac{4}{3}, -\\frac{1}{3} \\right)$`,
    r`Isolating $\overrightarrow{P},$ we find \[\overrightarrow{P} = \frac{4}{3} \overrightarrow{A} - \frac{1}{3} \overrightarrow{B}.\]Thus, $(t,u) = \boxed{\left( \frac{4}{3}, -\frac{1}{3} \right)}.$`,
    1,
    'model outputs',
  ],
  [r`$(3,1)$`, '$\x7B1,3}$', 0, 'model outputs'],
  [r`$(1,3)$`, '$\x7B1,3}$', 1, 'model outputs'],
  [
    '$100%$',
    r`Dividing, we get: $$\frac{\Delta x'}{\Delta x} \geq \frac{2}{1}.$$ Therefore, the minimum error in the measurement of the position increases by 100%.`,
    1,
    'model outputs',
  ],
  [
    '$16386.16$',
    r`\[ A \approx 16386.16 \] So, Paula's investment is worth approximately $\boxed{16386.16}$ dollars at the end of the 5 years. Final Answer: The final answer is 16386.16.`,
    1,
    'model outputs',
  ],
  [
    '$5866608$',
    r`\[ \text{Total sum} = 24 \times 244442 = 5866608 \] So, the sum is $\boxed{5866608}$. Final Answer: The final answer is 5866608. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$14400$',
    r`So the total is $1 \times 5! \times 5! = 120 \times 120 = \boxed{14400}$. Final Answer: The final answer is 14400. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$14916$',
    r`The sum of the digits is $14 + 4 + 0 = 18$. Thus, the smallest possible value of $N$ is $14{,}940$. Final Answer: The final answer is $14{,}916$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    r`$20\%$`,
    r`$$\frac{|C|}{|A| + |C|} \times 100\% = \frac{1}{5} \times 100\% = \boxed{20\%}$$ Final Answer: The final answer is $20\%$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$7.78$',
    r`Weight of fudge = $\frac{7}{9}$ pounds Price per pound = $10 Cost of fudge = $\frac{7}{9} \times 10$ = $\frac{70}{9}$ So, Anna pays approximately $7.78 for her fudge. Final Answer: The final answer is 7.78.`,
    1,
    'model outputs',
  ],
  [
    '$100$',
    r`Thus, the new error is at least $100\%$ of the original error. Final Answer: The final answer is $100$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$x-2y+z-1=0$',
    r`$$-1(x-1)+2(y-1)+1(z-1)=0\Rightarrow\boxed{x-2y+z-1=0}.$$ Final Answer: The final answer is $x-2y+z-1=0$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    '$10455$',
    r`The interest is $0.04 \cdot 10,000 \cdot \frac{1}{2} = \boxed{200}$ So Dr. Zaius has $10,200. Then $0.05 \cdot 10,200 \cdot \frac{1}{2} = \boxed{255}$ So he has $10,455. Final Answer: The final answer is $10,455$. I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    r`$[-4,0]$`,
    r`Thus, the values of \( k \) for which the quadratic has real roots are: \[ \boxed{[-4, 0]} \]`,
    1,
    'model outputs',
  ],
  [
    r`Substituting $x = 5$, we get $B = 10$. Therefore, $(A, B) = \boxed{(-6, 10)}.$`,
    r`The solution to the inequality is \( x \in (-6, 10) \). Final Answer: The final answer is \((-6, 10)\). I hope it is correct.`,
    1,
    'model outputs',
  ],
  [
    r`$1112112_3$`,
    r`Reading the remainders from last to first, \[ 1121_{10} = 1112122_3 \] Thus, the product is \(\boxed{1112122_3}\).`,
    0,
    'model outputs',
  ],
  [r`\(\boxed{\text{C}}\).`, r`$\boxed{\text{(C)}}.$`, 1, 'model outputs'],
  [
    r` So the answer is: \[ \boxed{11111111100} \]`,
    r`is $\boxed{11,\! 111,\! 111,\! 100}$`,
    1,
    'model outputs',
  ],
  [r` So the answer is: \[ \boxed{32349} \]`, r`is $\boxed{32,\! 349}$`, 1, 'model outputs'],
  [r` So the answer is: \[ \boxed{32349} \]`, r`is $\boxed{32, 349}$`, 0, 'model outputs'],
  [
    r`Thus, the domain of the function \( f(x) \) is: \[ \boxed{(2, 12) \cup (12, 102)} \]`,
    r`Thus, the answer is $x \in \boxed{(2,12) \cup (12,102)}$`,
    1,
    'model outputs',
  ],
  [r`$\text{E}$`, '$E$', 1, 'model outputs'],
  [r`$\boxed{1}\boxed{2}$`, r`$\boxed{1,2}$`, 1, 'model outputs'],
  [
    r`Then $(n - 1)(n + 2) = 0,$ so the solutions are $n = \boxed{1,-2}.$`,
    r`<think> Setting $x = y = 0$ gives \( f(0) = -1 \). So the integers are 1 and -2. **Final Answer** The integers are \boxed{-2} and \boxed{1}. </think> Solving $n^2 + n - 2 = 0$, the integers \( n \) such that \( f(n) = n \) are: \[ \boxed{-2} \quad \text{and} \quad \boxed{1}. \]`,
    1,
    'model outputs',
  ],
  // test_set_rel_assymetry with the default allow_set_relation_comp=False
  [r`$-2 \\le x \\le 7$`, r`$x \in [-2,7]$`, 1, 'set vs relation'],
  [
    r`$x \in [-2,7]$`,
    r`$-2 \\le x \\le 7$`,
    0,
    'set vs relation',
    'an inequality equals the interval it states whichever side writes which (Math-Verify accepts it only when the reference is the inequality, unless allow_set_relation_comp)',
  ],
  // test_float_precision (sqrt(17) to 15 places), test_trailing_punctuation
  ['4.123105625617661', r`$\sqrt{17}$`, 1, 'precision'],
  [r`$\frac{1}{3}$`, r`$\frac{1}{3}.$`, 1, 'punctuation'],
  [r`$\frac{1}{3}$`, r`The answer is $\frac{1}{3}.$`, 1, 'punctuation'],
  [r`$\frac{1}{3}$`, r`$$\frac{1}{3}.$$`, 1, 'punctuation'],
  [r`$\frac{1}{3}$`, r`\[\frac{1}{3}.\]`, 1, 'punctuation'],
  [r`$\frac{1}{3}$`, r`$\frac{1}{3},$`, 1, 'punctuation'],
  [r`$\frac{1}{3}$`, r`$\frac{1}{3} .$`, 1, 'punctuation'],
  [r`$\sqrt{2}$`, r`$\sqrt{2}.$`, 1, 'punctuation'],
  ['$(1,2)$', '$(1,2).$', 1, 'punctuation'],
  ['$5$', r`$5 \text{ cm}.$`, 1, 'punctuation'],
  ['$42$', '$42.$', 1, 'punctuation'],
  ['$2$', '$2^{10}.$', 0, 'punctuation'],
  ['$1$', 'The answer is $1/3.$', 0, 'punctuation'],
  ['$1, 2, 3$', '$1, 2, 3, ...$', 0, 'punctuation'],
  // test_failed_latex_span: an unreadable span never lends a number
  ['$0$', r`$\sum_{k=0}^n\bigl(k\bigr)$`, 0, 'unreadable latex'],
  ['$1$', r`Final answer is $\sum_{k=0}^n\bigl(k\bigr)$. I hope.`, 0, 'unreadable latex'],
  ['$42$', r`$\sum_{k=0}^n\bigl(k\bigr)$ and $42$`, 1, 'unreadable latex'],
  ['$42$', r`Final answer is $\sum_{k=0}^n\bigl(k\bigr)$. I hope. 42`, 1, 'unreadable latex'],
  ['$42$', r`Final answer is $\sum_{k=0}^n\bigl(k\bigr)$. I hope. $42$`, 1, 'unreadable latex'],
  ['$1/2$', r`Final answer is $\sum_{k=0}^n\bigl(k\bigr)$. I hope. 1/2`, 1, 'unreadable latex'],
  ['$42$', r`$42$ and $\sum_{k=0}^n\bigl(k\bigr)$`, 1, 'unreadable latex'],
  // test_mixed_number_extraction
  ['40/9', '4 4/9', 1, 'mixed numbers'],
  ['-40/9', '-4 4/9', 1, 'mixed numbers'],
  ['71/6', '11 5/6', 1, 'mixed numbers'],
  ['71/6', '+11 5/6', 1, 'mixed numbers'],
  ['40/9', 'The answer is 4 4/9.', 1, 'mixed numbers'],
  ['4', 'The answer is 4 4/9.', 0, 'mixed numbers'],
  ['4/9', '0 4/9', 1, 'mixed numbers'],
  ['4', '4 0/9', 1, 'mixed numbers'],
  ['9004/9', '1 000 4/9', 1, 'mixed numbers'],
  ...['4 4/0', '4 0/0', '-4 0/0', '0 0/0', '11 6/6', '11 7/6', 'The answer is 11 6/6.'].flatMap(
    (response): Case[] =>
      ['4', '0', '-4', '1', '11', '12', '10', '7/6', '73/6', '59/6', '1000'].map(
        (finite): Case => [finite, response, 0, 'invalid mixed numbers'],
      ),
  ),
  ['139/90', '11/10 4/9', 0, 'mixed numbers'],
  ['103/9', '11.0 4/9', 0, 'mixed numbers'],
  ['103/9', '(11) 4/9', 0, 'mixed numbers'],
  ['139/90', '11/10\n4/9', 0, 'mixed numbers'],
  ['71/6', '11\n5/6', 0, 'mixed numbers'],
  ['71/6', '11\r\n5/6', 0, 'mixed numbers'],
  ['11 - 4/9', '11 + 4/9', 0, 'mixed numbers'],
  ['103/9', '11 + 4/9', 1, 'mixed numbers'],
  ['95/9', '11 - 4/9', 1, 'mixed numbers'],
  ...['%', ' %', 'percent', ' percent', 'percentage', ' percentage', 'pct', ' pct'].flatMap(
    (suffix): Case[] => [
      ['40/900', `4 4/9${suffix}`, 1, 'mixed-number percentages'],
      [
        '40/9',
        `4 4/9${suffix}`,
        0,
        'mixed-number percentages',
        'a percentage also matches its number without the sign (a reference "25" accepts "25%"), in both directions',
      ],
    ],
  ),
  ['40/9', '4 + 4/9', 1, 'mixed numbers'],
  ['5', '10/2', 1, 'mixed numbers'],
  ['1000', '1 000', 1, 'mixed numbers'],
  ['5', '$5.00', 1, 'mixed numbers'],
  ['7/25', '28%', 1, 'mixed numbers'],
  ['4/9', 'There are 4 objects and 4/9 remain.', 1, 'mixed numbers'],
  ['2', '4 4/9 2', 1, 'mixed numbers'],
  // tests/test_yujianll.py
  ['$n=1, 2, 3$', '$n=1, 2, 3$', 1, 'answers with names'],
  ['$n=2, 3, 4$', '$n=1, 2, 3$', 0, 'answers with names'],
  ['$D = (0, 1)$', '$D = (0, 1)$', 1, 'answers with names'],
  ['$D = (0, 1)$', '$D = (0, 1.5)$', 0, 'answers with names'],
  [
    r`$F_n = \sum_{k=0}^{n-1} F_k F_{n-k-1}$`,
    r`$F_n = \sum_{k=0}^{n-2} F_k F_{n-k-2}$`,
    0,
    'answers with names',
  ],
  [
    r`$F_n = \sum_{k=0}^{n-1} F_k F_{n-k-1}$`,
    r`$F_n = \sum_{k=0}^{n-1} F_{n-k-1} F_k$`,
    1,
    'answers with names',
    'sums (\\sum) are compared as text, not symbolically',
  ],
  ['$19, 46, and 82$', r`$19, 46, \text{ and } 82$`, 1, 'answers with names'],
  ['$19, 46, and 82$', '$21, 36, and 82$', 0, 'answers with names'],
  [r`$1 - \frac{1}{\mathrm{e}}$`, r`$1 - \frac{1}{\mathrm{e}}$`, 1, 'answers with names'],
  [r`$1 - \frac{1}{\mathrm{e}}$`, r`$1 + \frac{1}{\mathrm{e}}$`, 0, 'answers with names'],
  [r`$\pm 2021$`, '$2021$', 0, 'answers with names'],
  [r`$\pm 2021$`, '$\x7B-2021, 2021}$', 1, 'answers with names'],
  ['$12:00$', '$1:00$', 0, 'answers with names'],
  ['$12:00$', '$12:00$', 1, 'answers with names'],
];

const ALL = [...CASES, ...CASES_2, ...CASES_3];

function verdict(c: Case): 0 | 1 {
  return scoreMathResponse(c[1], c[0]).result.score === 1 ? 1 : 0;
}

describe("agreement with Math-Verify's default-setting test cases", () => {
  it.each(ALL.map((c, i) => [i, c[3], c] as const))('#%i %s', (_i, _source, c) => {
    const ours = verdict(c);
    if (c[4] === undefined) expect(ours, `${c[1]} vs ${c[0]}`).toBe(c[2]);
    // A documented departure must really differ, so the list of departures stays true.
    else expect(ours, `documented departure: ${c[4]}`).not.toBe(c[2]);
  });

  it('agrees on at least 95% of the cases and accepts no answer Math-Verify rejects, but documented ones', () => {
    const disagreements = ALL.filter((c) => verdict(c) !== c[2]);
    const agreement = 1 - disagreements.length / ALL.length;
    expect(agreement).toBeGreaterThanOrEqual(0.95);
    const accepted = disagreements.filter((c) => c[2] === 0);
    expect(accepted.every((c) => c[4] !== undefined)).toBe(true);
  });
});
