/**
 * The `math` scorer of custom tasks (`--scorer math`) is the built-in math tasks' scorer: the final
 * answer read as models write it (last \boxed{}, an "Answer:" line reduced to its math, the last LaTeX
 * span, only then a standing number) and compared with the reference by mathematical equivalence.
 */
export { mathAnswerScorer as mathScorer } from '../math/score-math-response.js';
