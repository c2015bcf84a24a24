import type { AgentSkill } from './agent-skill.js';
import type { CompiledBehaviour, CompiledMetaBehaviour } from './compiled-behaviour.js';
import type { EditResult } from './propose-edit.js';
import type { SkillName } from './world-file.js';

/** What the agent did, as far as its missing skills could show. */
export interface AgentActions {
  readonly edit: EditResult;
  readonly fillers: number;
  readonly leaks: number;
}

/** Whether a missing meta-behaviour with this effect would have prevented what happened. */
function manifested(skill: SkillName, delta: number, a: AgentActions): boolean {
  switch (skill) {
    case 'keepRate':
      return delta > 0 && a.edit.dropped.length > 0;
    case 'diagnosisAccuracy':
      return delta > 0 && a.edit.misdiagnosed.length > 0;
    case 'leakRate':
      return delta < 0 && a.leaks > 0;
    case 'fillerSentences':
      return delta < 0 && a.fillers > 0;
    case 'explorationRate':
      return delta > 0 ? a.edit.explored.length === 0 : a.edit.explored.length > 0;
    case 'adviceRate':
      return delta > 0 && a.edit.ignoredAdvice.length > 0;
  }
}

/**
 * Symptoms of the meta-behaviours the agent lacks, for each one whose absence showed in this proposal
 * ("I rewrote the prompt from scratch." when something was dropped and "keep what works" is missing).
 * These sentences are what lets an agent shown its own past rationales improve its own prompt.
 */
export function metaSymptoms(
  metas: readonly CompiledMetaBehaviour[],
  skill: AgentSkill,
  actions: AgentActions,
): string[] {
  const out: string[] = [];
  for (const m of metas) {
    if (skill.present.includes(m.index)) continue;
    const entries = Object.entries(m.effects) as [SkillName, number][];
    if (entries.some(([k, d]) => manifested(k, d, actions))) out.push(m.symptom);
  }
  return out;
}

const ids = (atoms: readonly CompiledBehaviour[], list: readonly number[]): string =>
  list.map((i) => `"${atoms[i]?.id ?? i}"`).join(', ');

/**
 * A short rationale: what the failures pointed to, what changed (by behaviour id, never by symptom text,
 * so a rationale shown later is not mistaken for fresh feedback), then the meta symptoms.
 */
export function writeRationale(
  atoms: readonly CompiledBehaviour[],
  symptoms: readonly number[],
  signals: number,
  actions: AgentActions,
  meta: readonly string[],
): string {
  const e = actions.edit;
  const parts: string[] = [];
  const top = symptoms[0];
  parts.push(
    top === undefined
      ? 'Rationale: the request shows no failure signals I recognise.'
      : `Rationale: I read ${signals} failure signal(s); the most frequent points to ${ids(atoms, [top])}.`,
  );
  const kept =
    e.kept.length + e.dropped.length === 0
      ? ''
      : `Kept ${e.kept.length} of ${e.kept.length + e.dropped.length}`;
  const added = [...e.merged, ...e.diagnosed, ...e.misdiagnosed, ...e.advised, ...e.explored];
  const changes = [
    kept,
    added.length > 0 ? `added ${ids(atoms, added)}` : '',
    e.dropped.length > 0 ? `removed ${ids(atoms, e.dropped)}` : '',
  ].filter((s) => s !== '');
  if (changes.length > 0) parts.push(`${changes.join('; ')}.`);
  parts.push(...meta);
  return parts.join(' ');
}
