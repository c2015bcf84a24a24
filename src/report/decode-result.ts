import type { CompareResult } from '../run/compare-table.js';
import type { DiagnoseResult } from '../run/diagnose.js';
import type { EvalResult } from '../run/evaluate.js';
import type { OptimizeResult } from '../run/optimize.js';
import { isRecord, type JsonRecord } from './json-value.js';

/**
 * A stored run result, decoded once: a current result (with `kind` and `schemaVersion: 1`, docs/schemas/)
 * as its type, or `legacy` — stored before results were versioned, by a newer sepo, or not passing the
 * checks below — which the report reads field by field, every field optional.
 */
export type DecodedResult =
  | { readonly kind: 'optimize'; readonly value: OptimizeResult }
  | { readonly kind: 'compare'; readonly value: CompareResult }
  | { readonly kind: 'eval'; readonly value: EvalResult }
  | { readonly kind: 'diagnose'; readonly value: DiagnoseResult }
  | { readonly kind: 'legacy'; readonly value: unknown };

const isString = (v: unknown): boolean => typeof v === 'string';
const isObject = (v: unknown): boolean => isRecord(v);
const isArray = (v: unknown): boolean => Array.isArray(v);
const isStringOrAbsent = (v: unknown): boolean => v === undefined || typeof v === 'string';

/**
 * The fields the report reads of each kind without checking them again (the rest it reads tolerantly:
 * numbers through `num`/`estimate`, since a stored NaN reads back as null). Not the whole schema.
 */
const REQUIRED: Readonly<Record<string, Readonly<Record<string, (v: unknown) => boolean>>>> = {
  optimize: {
    task: isString,
    model: isString,
    optimizerModel: isString,
    method: isString,
    seedPrompt: isString,
    bestPrompt: isString,
    bestId: isString,
    chosenBy: isString,
    stopReason: isString,
    train: isObject,
    val: isObject,
    test: (v) => isRecord(v) && isRecord(v.perExample) && isArray(v.perExample.ids),
    archive: isArray,
    promptFile: isString,
    agentFile: isStringOrAbsent,
  },
  compare: {
    task: isString,
    model: isString,
    optimizerModel: isString,
    methods: (v) => isArray(v) && (v as unknown[]).every(isString),
    seeds: isArray,
    rows: (v) => isArray(v) && (v as unknown[]).every((r) => isRecord(r) && isString(r.method)),
    runs: (v) =>
      isArray(v) &&
      (v as unknown[]).every(
        (r) =>
          isRecord(r) &&
          isString(r.method) &&
          typeof r.seed === 'number' &&
          isString(r.bestId) &&
          isRecord(r.spend),
      ),
    testIds: isArray,
  },
  eval: { task: isString, model: isString, split: isString, accuracy: isObject, spend: isObject },
  diagnose: {
    task: isStringOrAbsent,
    model: isStringOrAbsent,
    generatorModel: isStringOrAbsent,
    split: isStringOrAbsent,
    rewardsFile: isStringOrAbsent,
    savedRewards: isStringOrAbsent,
    prompts: (v) => isArray(v) && (v as unknown[]).every((p) => isRecord(p) && isString(p.id)),
    analysis: isObject,
  },
};

function passes(value: JsonRecord, kind: string): boolean {
  const checks = REQUIRED[kind];
  return checks !== undefined && Object.entries(checks).every(([key, ok]) => ok(value[key]));
}

/**
 * Decodes a run's own result (the `result` of the stored `{result, spend}`): typed by its `kind` when it
 * is a current (schemaVersion 1) result whose fields the report relies on are as typed, else legacy.
 */
export function decodeRunResult(json: unknown): DecodedResult {
  if (!isRecord(json) || json.schemaVersion !== 1 || !passes(json, String(json.kind)))
    return { kind: 'legacy', value: json };
  // The checks above hold what the report relies on; the rest is as the schema, read tolerantly.
  switch (json.kind) {
    case 'optimize':
      return { kind: 'optimize', value: json as unknown as OptimizeResult };
    case 'compare':
      return { kind: 'compare', value: json as unknown as CompareResult };
    case 'eval':
      return { kind: 'eval', value: json as unknown as EvalResult };
    case 'diagnose':
      return { kind: 'diagnose', value: json as unknown as DiagnoseResult };
    default:
      return { kind: 'legacy', value: json };
  }
}
