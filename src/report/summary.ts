import type { RunRecord } from '../store/records.js';
import { at, estimate, firstOf, isRecord, list, num, str } from './json-value.js';
import type { ScoreRow, SpendRow, Summary } from './report-model.js';

/** The command's own result inside the stored run result (`{result, spend}` or `{error, spend}`). */
export function innerResult(run: RunRecord): unknown {
  const inner = at(run.result, 'result');
  return inner === undefined ? run.result : inner;
}

const SPEND_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['task', 'task model'],
  ['optimizer', 'optimizer model'],
];

export function spendRows(spend: unknown): SpendRow[] {
  if (!isRecord(spend)) return [];
  const rows: SpendRow[] = [];
  for (const [key, role] of SPEND_ROLES) {
    const line = spend[key];
    if (!isRecord(line)) continue;
    rows.push({
      role,
      rollouts: num(line.rollouts),
      calls: num(line.calls),
      cacheHits: num(line.cacheHits),
      replayed: num(line.replayed),
      failures: num(line.failures),
      inputTokens: num(line.inputTokens),
      outputTokens: num(line.outputTokens),
      usd: num(line.usd),
      wallMs: num(line.wallMs),
    });
  }
  return rows;
}

function splitRow(inner: unknown, split: string): ScoreRow | undefined {
  const part = at(inner, split);
  if (!isRecord(part)) return undefined;
  const seed = estimate(part.seed);
  const best = estimate(part.best);
  if (seed === undefined && best === undefined) return undefined;
  return { split, n: num(part.n) ?? seed?.n ?? best?.n, seed, best };
}

/** The reader-facing facts of a run: what ran, on what, with what budget and spend, and the outcome. */
export function buildSummary(run: RunRecord, seedId?: string): Summary {
  const inner = innerResult(run);
  const config = run.config;
  const pick = (resultKeys: readonly string[], configKeys: readonly string[]): string | undefined =>
    firstOf(inner, resultKeys, str) ?? firstOf(config, configKeys, str);
  const model = pick(['model'], ['model']);
  const optimizerModel =
    pick(['optimizerModel', 'generatorModel'], ['optimizer-model', 'generator-model']) ??
    (run.kind === 'optimize' ? model : undefined);
  const methods = list(at(inner, 'methods'))
    .map((m) => (isRecord(m) ? (str(m.method) ?? str(m.name)) : str(m)))
    .filter((m): m is string => m !== undefined);
  const method =
    pick(['method'], ['method']) ??
    (methods.length > 0 ? methods.join(', ') : undefined) ??
    firstOf(config, ['methods'], str) ??
    (run.kind === 'optimize' ? 'sepo' : undefined);
  const accuracyValue = estimate(at(inner, 'accuracy'));
  const evalN = num(at(inner, 'n'));
  const accuracy =
    accuracyValue === undefined || accuracyValue.n !== undefined || evalN === undefined
      ? accuracyValue
      : { ...accuracyValue, n: evalN };
  const extra: Array<readonly [string, string]> = [];
  const archive = list(at(inner, 'archive'));
  if (archive.length > 0) {
    const admitted = archive.filter((c) => at(c, 'status') === 'admitted').length;
    extra.push(['archive', `${archive.length} candidates, ${admitted} admitted`]);
  }
  const split = str(at(inner, 'split'));
  if (split !== undefined && run.kind === 'diagnose') extra.push(['examples', `${split} split`]);
  for (const [key, label] of [
    ['promptFile', 'final prompt file'],
    ['agentFile', 'prompt agent file'],
    ['rewardsFile', 'rewards file'],
    ['savedRewards', 'saved rewards'],
  ] as const) {
    const value = str(at(inner, key));
    if (value !== undefined) extra.push([label, value]);
  }
  const compareRuns = list(at(inner, 'runs')).length;
  if (run.kind === 'compare' && compareRuns > 0) {
    const seeds = list(at(inner, 'seeds')).length;
    extra.push(['runs', `${compareRuns} (${methods.length} methods × ${seeds} seeds)`]);
    extra.push(['spend', 'summed over the runs, optimization only (test evaluations are exempt)']);
  }
  const selection = str(at(config, 'select'));
  if (selection !== undefined) extra.push(['training set', `--select ${selection}`]);
  return {
    task: pick(['task'], ['task']),
    model,
    optimizerModel,
    method,
    seed: run.seed,
    stopReason: str(at(inner, 'stopReason')),
    chosenBy: str(at(inner, 'chosenBy')),
    seedId,
    bestId: str(at(inner, 'bestId')),
    error: str(at(run.result, 'error')),
    budget: { rollouts: num(at(config, 'budget')), maxCostUsd: num(at(config, 'max-cost')) },
    spend: spendRows(
      run.kind === 'compare' && list(at(inner, 'runs')).length > 0
        ? sumSpend(list(at(inner, 'runs')).map((r) => at(r, 'spend')))
        : (at(run.result, 'spend') ?? at(inner, 'spend')),
    ),
    scores: ['train', 'val', 'test']
      .map((s) => splitRow(inner, s))
      .filter((r): r is ScoreRow => r !== undefined),
    difference: estimate(at(inner, 'test', 'difference')),
    accuracy: accuracy === undefined ? undefined : { ...accuracy, split },
    seedPrompt: str(at(inner, 'seedPrompt')),
    bestPrompt: str(at(inner, 'bestPrompt')),
    extra,
  };
}

/** Whether a model string names sepo's simulated world. */
export function isSimulatedModel(model: string | undefined): boolean {
  return model?.startsWith('sim:') === true;
}

const SPEND_FIELDS = [
  'rollouts',
  'calls',
  'cacheHits',
  'replayed',
  'failures',
  'inputTokens',
  'outputTokens',
  'usd',
  'wallMs',
] as const;

/** The sum of several spend records line by line (USD unknown when any part is). */
export function sumSpend(spends: readonly unknown[]): unknown {
  const total: Record<string, Record<string, number | undefined>> = {};
  for (const spend of spends) {
    for (const [role] of SPEND_ROLES) {
      const line = at(spend, role);
      if (!isRecord(line)) continue;
      const acc = total[role] ?? {};
      for (const key of SPEND_FIELDS) {
        const x = num(line[key]);
        const known = key in acc;
        acc[key] = x === undefined || (known && acc[key] === undefined) ? undefined : (acc[key] ?? 0) + x;
      }
      total[role] = acc;
    }
  }
  return total;
}
