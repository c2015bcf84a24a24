import { UnknownNameError } from '../../errors.js';

/** The paired comparison of a child and its parent on the same examples. */
export interface AdmissionInput {
  readonly childScore: number;
  readonly parentScore: number;
  /** Examples both were evaluated on (rollouts per candidate). */
  readonly n: number;
}

export interface AdmissionRule {
  readonly name: string;
  admit(input: AdmissionInput): boolean;
}

/**
 * SePO's admission decision (docs/architecture.md): admit when child >= parent - tolerance, the
 * tolerance being the standard error of the parent's score on the evaluated examples, sqrt(p(1-p)/n),
 * unless a fixed tolerance is given.
 */
export function betterOrWithinNoise(fixedTolerance?: number): AdmissionRule {
  return {
    name: 'better-or-within-noise',
    admit({ childScore, parentScore, n }) {
      const tolerance = fixedTolerance ?? Math.sqrt((parentScore * (1 - parentScore)) / Math.max(1, n));
      return childScore >= parentScore - tolerance;
    },
  };
}

export const strictlyBetter: AdmissionRule = {
  name: 'strictly-better',
  admit: ({ childScore, parentScore }) => childScore > parentScore,
};

export const alwaysAdmit: AdmissionRule = { name: 'always', admit: () => true };

export const ADMISSION_RULES = ['better-or-within-noise', 'strictly-better', 'always'] as const;

export function admissionRuleByName(name: string, tolerance?: number): AdmissionRule {
  switch (name) {
    case 'better-or-within-noise':
      return betterOrWithinNoise(tolerance);
    case 'strictly-better':
      return strictlyBetter;
    case 'always':
      return alwaysAdmit;
    default:
      throw new UnknownNameError('admission rule', name, ADMISSION_RULES);
  }
}
