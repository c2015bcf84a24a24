import type { RunRecord } from '../store/records.js';
import { type DecodedResult, decodeRunResult } from './decode-result.js';
import { at, type Estimate, estimate, firstOf, isRecord, list, num, rec, str } from './json-value.js';
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
  return scoreRow(split, part.seed, part.best, part.n);
}

/** A split's seed-vs-best row; `n` is the split's, else the estimates'. Numbers are read tolerantly. */
function scoreRow(
  split: string,
  seedValue: unknown,
  bestValue: unknown,
  nValue: unknown,
): ScoreRow | undefined {
  const seed = estimate(seedValue);
  const best = estimate(bestValue);
  if (seed === undefined && best === undefined) return undefined;
  return { split, n: num(nValue) ?? seed?.n ?? best?.n, seed, best };
}

/** What the summary shows of a run's own result, read from a current result or, field by field, a legacy one. */
interface ResultFacts {
  readonly task: string | undefined;
  readonly model: string | undefined;
  readonly optimizerModel: string | undefined;
  readonly method: string | undefined;
  /** The methods a compare ran (`methods`). */
  readonly methods: readonly string[];
  /** Eval's accuracy with its n. */
  readonly accuracy: Estimate | undefined;
  readonly split: string | undefined;
  readonly archive: readonly { readonly status: unknown }[];
  readonly files: ReadonlyArray<readonly [string, string | undefined]>;
  /** Compare's runs (their spend) and seeds. */
  readonly runs: readonly unknown[];
  readonly seeds: number;
  readonly stopReason: string | undefined;
  readonly chosenBy: string | undefined;
  readonly bestId: string | undefined;
  /** The result's own spend (the run's stored `spend` comes first). */
  readonly spend: unknown;
  readonly scores: readonly ScoreRow[];
  readonly difference: Estimate | undefined;
  readonly seedPrompt: string | undefined;
  readonly bestPrompt: string | undefined;
}

const NO_FACTS: ResultFacts = {
  task: undefined,
  model: undefined,
  optimizerModel: undefined,
  method: undefined,
  methods: [],
  accuracy: undefined,
  split: undefined,
  archive: [],
  files: [],
  runs: [],
  seeds: 0,
  stopReason: undefined,
  chosenBy: undefined,
  bestId: undefined,
  spend: undefined,
  scores: [],
  difference: undefined,
  seedPrompt: undefined,
  bestPrompt: undefined,
};

/** The facts of a current (typed) result. */
function currentFacts(decoded: Exclude<DecodedResult, { kind: 'legacy' }>): ResultFacts {
  switch (decoded.kind) {
    case 'optimize': {
      const r = decoded.value;
      return {
        ...NO_FACTS,
        task: r.task,
        model: r.model,
        optimizerModel: r.optimizerModel,
        method: r.method,
        archive: r.archive,
        files: [
          ['final prompt file', r.promptFile],
          ['prompt agent file', r.agentFile],
        ],
        stopReason: r.stopReason,
        chosenBy: r.chosenBy,
        bestId: r.bestId,
        spend: r.spend,
        scores: [
          scoreRow('train', r.train.seed, r.train.best, undefined),
          scoreRow('val', r.val.seed, r.val.best, r.val.n),
          scoreRow('test', r.test.seed, r.test.best, r.test.n),
        ].filter((row): row is ScoreRow => row !== undefined),
        difference: estimate(r.test.difference),
        seedPrompt: r.seedPrompt,
        bestPrompt: r.bestPrompt,
      };
    }
    case 'compare': {
      const r = decoded.value;
      return {
        ...NO_FACTS,
        task: r.task,
        model: r.model,
        optimizerModel: r.optimizerModel,
        methods: r.methods,
        runs: r.runs.map((run) => run.spend),
        seeds: r.seeds.length,
      };
    }
    case 'eval': {
      const r = decoded.value;
      const accuracy = estimate(r.accuracy);
      const n = num(r.n);
      return {
        ...NO_FACTS,
        task: r.task,
        model: r.model,
        accuracy:
          accuracy === undefined || accuracy.n !== undefined || n === undefined
            ? accuracy
            : { ...accuracy, n },
        split: r.split,
        spend: r.spend,
      };
    }
    case 'diagnose': {
      const r = decoded.value;
      return {
        ...NO_FACTS,
        task: r.task,
        model: r.model,
        optimizerModel: r.generatorModel,
        split: r.split,
        files: [
          ['rewards file', r.rewardsFile],
          ['saved rewards', r.savedRewards],
        ],
        spend: r.spend,
      };
    }
  }
}

/** The facts of a legacy result, each read by key path (any may be missing). */
function legacyFacts(inner: unknown): ResultFacts {
  const accuracyValue = estimate(at(inner, 'accuracy'));
  const evalN = num(at(inner, 'n'));
  return {
    task: str(at(inner, 'task')),
    model: str(at(inner, 'model')),
    optimizerModel: firstOf(inner, ['optimizerModel', 'generatorModel'], str),
    method: str(at(inner, 'method')),
    methods: list(at(inner, 'methods'))
      .map((m) => (isRecord(m) ? (str(m.method) ?? str(m.name)) : str(m)))
      .filter((m): m is string => m !== undefined),
    accuracy:
      accuracyValue === undefined || accuracyValue.n !== undefined || evalN === undefined
        ? accuracyValue
        : { ...accuracyValue, n: evalN },
    split: str(at(inner, 'split')),
    archive: list(at(inner, 'archive')).map((c) => ({ status: at(c, 'status') })),
    files: (
      [
        ['promptFile', 'final prompt file'],
        ['agentFile', 'prompt agent file'],
        ['rewardsFile', 'rewards file'],
        ['savedRewards', 'saved rewards'],
      ] as const
    ).map(([key, label]) => [label, str(at(inner, key))] as const),
    runs: list(at(inner, 'runs')).map((r) => at(r, 'spend')),
    seeds: list(at(inner, 'seeds')).length,
    stopReason: str(at(inner, 'stopReason')),
    chosenBy: str(at(inner, 'chosenBy')),
    bestId: str(at(inner, 'bestId')),
    spend: at(inner, 'spend'),
    scores: ['train', 'val', 'test']
      .map((s) => splitRow(inner, s))
      .filter((r): r is ScoreRow => r !== undefined),
    difference: estimate(at(inner, 'test', 'difference')),
    seedPrompt: str(at(inner, 'seedPrompt')),
    bestPrompt: str(at(inner, 'bestPrompt')),
  };
}

/** The facts of a run's result: typed when it is a current result, else read by key path. */
function factsOf(run: RunRecord): ResultFacts {
  const decoded = decodeRunResult(innerResult(run));
  return decoded.kind === 'legacy' ? legacyFacts(decoded.value) : currentFacts(decoded);
}

/** The reader-facing facts of a run: what ran, on what, with what budget and spend, and the outcome. */
export function buildSummary(run: RunRecord, seedId?: string): Summary {
  const facts = factsOf(run);
  const envelope = rec(run.result);
  const config = run.config;
  const fromConfig = (keys: readonly string[]): string | undefined => firstOf(config, keys, str);
  const model = facts.model ?? fromConfig(['model']);
  const optimizerModel =
    facts.optimizerModel ??
    fromConfig(['optimizer-model', 'generator-model']) ??
    (run.kind === 'optimize' ? model : undefined);
  const { methods } = facts;
  const method =
    facts.method ??
    fromConfig(['method']) ??
    (methods.length > 0 ? methods.join(', ') : undefined) ??
    fromConfig(['methods']) ??
    (run.kind === 'optimize' ? 'sepo' : undefined);
  const extra: Array<readonly [string, string]> = [];
  if (facts.archive.length > 0) {
    const admitted = facts.archive.filter((c) => c.status === 'admitted').length;
    extra.push(['archive', `${facts.archive.length} candidates, ${admitted} admitted`]);
  }
  const { split } = facts;
  if (split !== undefined && run.kind === 'diagnose') extra.push(['examples', `${split} split`]);
  for (const [label, value] of facts.files) if (value !== undefined) extra.push([label, value]);
  const compareRuns = facts.runs.length;
  if (run.kind === 'compare' && compareRuns > 0) {
    extra.push(['runs', `${compareRuns} (${methods.length} methods × ${facts.seeds} seeds)`]);
    extra.push(['spend', 'summed over the runs, optimization only (test evaluations are exempt)']);
  }
  const selection = str(at(config, 'select'));
  if (selection !== undefined) extra.push(['training set', `--select ${selection}`]);
  return {
    task: facts.task ?? fromConfig(['task']),
    model,
    optimizerModel,
    method,
    seed: run.seed,
    stopReason: facts.stopReason,
    chosenBy: facts.chosenBy,
    seedId,
    bestId: facts.bestId,
    error: str(envelope?.error),
    budget: { rollouts: num(at(config, 'budget')), maxCostUsd: num(at(config, 'max-cost')) },
    spend: spendRows(
      run.kind === 'compare' && compareRuns > 0 ? sumSpend(facts.runs) : (envelope?.spend ?? facts.spend),
    ),
    scores: facts.scores,
    difference: facts.difference,
    accuracy: facts.accuracy === undefined ? undefined : { ...facts.accuracy, split },
    seedPrompt: facts.seedPrompt,
    bestPrompt: facts.bestPrompt,
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
