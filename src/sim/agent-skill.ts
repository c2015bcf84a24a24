import type { SimWorld } from './sim-world.js';
import type { SkillName } from './world-file.js';

/** The rates a prompt agent works with, set by the meta-behaviours in its own system prompt. */
export interface AgentSkill {
  readonly keepRate: number;
  readonly diagnosisAccuracy: number;
  readonly explorationRate: number;
  readonly leakRate: number;
  readonly fillerSentences: number;
  readonly adviceRate: number;
  /** Indices of the meta-behaviours present in the agent's system prompt. */
  readonly present: readonly number[];
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Base rates from the world plus the effects of each meta-behaviour present, clamped to valid ranges. */
export function agentSkill(world: SimWorld, systemPrompt: string): AgentSkill {
  const rates: Record<SkillName, number> = {
    keepRate: world.agent.keepRate,
    diagnosisAccuracy: world.agent.diagnosisAccuracy,
    explorationRate: world.agent.explorationRate,
    leakRate: world.agent.leakRate,
    fillerSentences: world.agent.fillerSentences,
    adviceRate: world.agent.adviceRate,
  };
  const present: number[] = [];
  for (const m of world.metaBehaviours) {
    if (!m.matcher.test(systemPrompt)) continue;
    present.push(m.index);
    for (const [skill, delta] of Object.entries(m.effects) as [SkillName, number][]) rates[skill] += delta;
  }
  return {
    keepRate: clamp01(rates.keepRate),
    diagnosisAccuracy: clamp01(rates.diagnosisAccuracy),
    explorationRate: clamp01(rates.explorationRate),
    leakRate: clamp01(rates.leakRate),
    fillerSentences: Math.max(0, rates.fillerSentences),
    adviceRate: clamp01(rates.adviceRate),
    present,
  };
}
