import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScoredRollout } from '../../spec/rollout.js';
import type { CandidateRecord, EventRecord, RunRecord } from '../../store/records.js';
import type { RunStore } from '../../store/run-store.js';
import type { ReportInput, ReportRollout } from '../build-report-model.js';

/** Text that would run script if a report ever parsed stored text as HTML. */
export const INJECTION =
  'Solve it carefully.</script><script>window.__pwned = 1</script></svg><img src=x onerror="window.__pwned = 2"> & answer';

export function tempDir(prefix = 'sepo-report-'): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SPEND = {
  task: {
    rollouts: 60,
    calls: 58,
    cacheHits: 2,
    replayed: 0,
    failures: 1,
    inputTokens: 12000,
    outputTokens: 3400,
    usd: 0.0123,
    wallMs: 4200,
  },
  optimizer: {
    rollouts: 3,
    calls: 3,
    cacheHits: 0,
    replayed: 0,
    failures: 0,
    inputTokens: 2100,
    outputTokens: 900,
    usd: 0.004,
    wallMs: 900,
  },
};

export const SEED_PROMPT = 'Think step by step. Then end your response with a final line "Answer: <value>".';
export const BEST_PROMPT =
  'Think step by step. Check the units. Then end your response with a final line "Answer: <value>".';

export function candidate(
  id: string,
  parentId: string | undefined,
  generation: number,
  status: CandidateRecord['status'],
  prompt: string,
  scores: CandidateRecord['scores'],
  rationale?: string,
): CandidateRecord {
  return {
    id,
    parentId,
    generation,
    level: 'task',
    prompt,
    status,
    scores,
    meta: { childrenCount: 0, ...(rationale === undefined ? {} : { rationale }) },
  };
}

/** The candidates of the optimize fixture: a seed, a rejected child with an injection, the best, one more. */
export const OPTIMIZE_CANDIDATES: readonly CandidateRecord[] = [
  candidate('t0', undefined, 0, 'seed', SEED_PROMPT, {
    val: { mean: 0.4, n: 5 },
    train: { mean: 0.5, n: 8 },
  }),
  candidate('t1', 't0', 1, 'rejected', INJECTION, { train: { mean: 0.25, n: 4 } }, `Rationale: ${INJECTION}`),
  candidate(
    't2',
    't0',
    1,
    'admitted',
    BEST_PROMPT,
    { train: { mean: 0.75, n: 4 }, val: { mean: 0.8, n: 5 } },
    'Added a units check.',
  ),
  candidate('t3', 't2', 2, 'admitted', `${BEST_PROMPT} Be brief.`, {
    train: { mean: 0.5, n: 4 },
    val: { mean: 0.6, n: 5 },
  }),
];

export const TEST_IDS = ['te0', 'te1', 'te2', 'te3', 'te4', 'te5'];
const SEED_TEST = [1, 0, 0, 1, 1, 0];
const BEST_TEST = [1, 1, 0, 0, 1, 1];

export function rollout(
  candidateId: string,
  exampleId: string,
  score: number,
  response?: string,
): ScoredRollout {
  return {
    candidateId,
    exampleId,
    sample: 0,
    response: response ?? `${candidateId} on ${exampleId}\nAnswer: ${score}`,
    score,
    feedback: score > 0 ? 'correct' : 'wrong',
    usage: { inputTokens: 100, outputTokens: 20 },
    latencyMs: 10,
    source: 'call',
  };
}

/** Rollouts in recording order: seed (val 5 + train 4), t1 (4), t2 (train 4 + val 5), t0 again (4), t3 (9), test. */
export function optimizeRollouts(): ScoredRollout[] {
  const out: ScoredRollout[] = [];
  const add = (c: string, ids: readonly string[]): void => {
    ids.forEach((id, i) => {
      out.push(rollout(c, id, i % 2));
    });
  };
  const val = ['v0', 'v1', 'v2', 'v3', 'v4'];
  add('t0', val);
  add('t0', ['a0', 'a1', 'a2', 'a3']);
  add('t1', ['a0', 'a1', 'a2', 'a3']);
  add('t2', ['a0', 'a1', 'a2', 'a3']);
  add('t2', val);
  add('t0', ['b0', 'b1', 'b2', 'b3']);
  add('t3', ['b0', 'b1', 'b2', 'b3']);
  add('t3', val);
  TEST_IDS.forEach((id, i) => {
    out.push(rollout('t0', id, SEED_TEST[i] ?? 0, `seed says ${INJECTION}`));
  });
  TEST_IDS.forEach((id, i) => {
    out.push(rollout('t2', id, BEST_TEST[i] ?? 0, `best answer for ${id}`));
  });
  return out;
}

/** The stored result of the optimize fixture (`{result, spend}`, as `sepo optimize` finishes a run). */
export function optimizeResult(runId: string): unknown {
  return {
    result: {
      runId,
      task: 'sim:demo',
      model: 'sim:demo',
      optimizerModel: 'sim:demo',
      method: 'sepo',
      simulated: true,
      seedPrompt: SEED_PROMPT,
      bestPrompt: BEST_PROMPT,
      bestId: 't2',
      chosenBy: 'val',
      train: { seed: 0.5, best: 0.75 },
      val: { seed: 0.4, best: 0.8, n: 5 },
      test: {
        seed: { mean: 0.5, low: 0.19, high: 0.81, n: 6, level: 0.95, method: 'wilson' },
        best: { mean: 0.667, low: 0.3, high: 0.9, n: 6, level: 0.95, method: 'wilson' },
        difference: { mean: 0.167, low: -0.3, high: 0.63, p: 0.48 },
        n: 6,
        perExample: { ids: TEST_IDS, seed: SEED_TEST, best: BEST_TEST },
      },
      archive: OPTIMIZE_CANDIDATES.map((c) => ({ id: c.id, parentId: c.parentId, status: c.status })),
      stopReason: 'finished 2 generations',
      spend: SPEND,
      promptFile: '/tmp/x.prompt.txt',
    },
    spend: SPEND,
  };
}

export function optimizeEvents(): EventRecord[] {
  return [
    {
      seq: 1,
      type: 'candidate-proposed',
      payload: {
        type: 'candidate-proposed',
        candidateId: 't1',
        parentId: 't0',
        generation: 1,
        prompt: INJECTION,
      },
      createdAt: '',
    },
    {
      seq: 2,
      type: 'candidate-rejected',
      payload: { type: 'candidate-rejected', candidateId: 't1', score: 0.25, parentScore: 0.5 },
      createdAt: '',
    },
    {
      seq: 3,
      type: 'candidate-proposed',
      payload: {
        type: 'candidate-proposed',
        candidateId: 't2',
        parentId: 't0',
        generation: 1,
        prompt: BEST_PROMPT,
      },
      createdAt: '',
    },
    {
      seq: 4,
      type: 'candidate-admitted',
      payload: { type: 'candidate-admitted', candidateId: 't2', score: 0.75, parentScore: 0.5 },
      createdAt: '',
    },
    {
      seq: 5,
      type: 'stopped',
      payload: { type: 'stopped', reason: 'finished 2 generations' },
      createdAt: '',
    },
  ];
}

export function runRecord(kind: string, result: unknown, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'r20260101-000000-abcd',
    kind,
    status: 'finished',
    config: { task: 'sim:demo', model: 'sim:demo', budget: 60 },
    seed: 0,
    versions: { sepo: '0.1.0' },
    result,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:01:00.000Z',
    ...overrides,
  };
}

export function optimizeInput(): ReportInput {
  const rollouts: ReportRollout[] = optimizeRollouts();
  return {
    run: runRecord('optimize', optimizeResult('r20260101-000000-abcd')),
    candidates: OPTIMIZE_CANDIDATES,
    events: optimizeEvents(),
    rollouts,
    artifacts: {},
  };
}

/** Writes a fixture into a real store as a finished run; returns the new run id. */
export function saveFixture(store: RunStore, input: ReportInput, rollouts: readonly ScoredRollout[]): string {
  const run = store.createRun({
    kind: input.run.kind,
    config: input.run.config,
    seed: input.run.seed,
    versions: { sepo: '0.1.0' },
  });
  for (const c of input.candidates) store.saveCandidate(run.id, c);
  const sink = store.rolloutSink(run.id);
  rollouts.forEach((r, i) => {
    sink.record(r, { systemPromptHash: `h-${r.candidateId}`, callKey: `k${i}` });
  });
  for (const e of input.events ?? []) store.appendEvent(run.id, e.type, e.payload);
  for (const [name, value] of Object.entries(input.artifacts ?? {})) store.putArtifact(run.id, name, value);
  const result = input.run.result as { result?: Record<string, unknown> } | undefined;
  store.finishRun(run.id, 'finished', {
    ...result,
    ...(result?.result === undefined ? {} : { result: { ...result.result, runId: run.id } }),
  });
  return run.id;
}
