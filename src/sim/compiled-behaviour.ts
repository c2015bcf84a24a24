import { compileMatcher } from './text-match.js';
import type { BehaviourSpec, MetaBehaviourSpec, SkillName } from './world-file.js';

/** A behaviour (or meta-behaviour) ready for matching: one regex, lower-cased texts for searching. */
export interface CompiledBehaviour {
  readonly index: number;
  readonly id: string;
  readonly phrase: string;
  readonly symptom: string;
  readonly phraseLower: string;
  readonly symptomLower: string;
  readonly matcher: RegExp;
}

export interface CompiledMetaBehaviour extends CompiledBehaviour {
  readonly effects: Readonly<Partial<Record<SkillName, number>>>;
}

export function compileBehaviour(spec: BehaviourSpec, index: number): CompiledBehaviour {
  return {
    index,
    id: spec.id,
    phrase: spec.phrase,
    symptom: spec.symptom,
    phraseLower: spec.phrase.toLowerCase(),
    symptomLower: spec.symptom.toLowerCase(),
    matcher: compileMatcher(spec.phrase, spec.patterns),
  };
}

export function compileMetaBehaviour(spec: MetaBehaviourSpec, index: number): CompiledMetaBehaviour {
  return { ...compileBehaviour(spec, index), effects: spec.effects };
}
