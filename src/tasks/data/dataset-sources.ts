/**
 * Where each built-in dataset file (a path in the data-dir layout of docs/tasks.md) comes from on the
 * Hugging Face hub. Two kinds:
 * - `hub-file`: a file served as-is at `<hub>/datasets/<repo>/resolve/<revision>/<path>`, checked
 *   against its sha256 (the hash of the reference copy the tests read).
 * - `hub-rows`: a dataset published as Parquet only; its rows are read as JSON from the dataset
 *   viewer API (`<rows-api>/rows?dataset=...&config=...&split=...&offset=...&length=100`) and written
 *   as JSONL in the layout's format; checked by row count and required fields.
 */
export interface HubFileSource {
  readonly kind: 'hub-file';
  readonly repo: string;
  readonly path: string;
  readonly revision: string;
  readonly sha256?: string;
}

export interface RowsPart {
  readonly dataset: string;
  readonly config: string;
  readonly split: string;
}

export interface HubRowsSource {
  readonly kind: 'hub-rows';
  readonly parts: readonly RowsPart[];
  readonly expectedRows: number;
  /** Fields every built record must have (checked before the file is written). */
  readonly requiredFields: readonly string[];
  /** One dataset row (index over all parts, 0-based) to one JSONL record of the layout. */
  toRecord(row: Readonly<Record<string, unknown>>, index: number): Record<string, unknown>;
}

export type DatasetSource = HubFileSource | HubRowsSource;

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

/**
 * AIME I then II, 15 problems each, to the layout's records ("2025-II-3" ids). The contest comes from
 * `problem_idx` when it runs 1..30, else from the row position (parts I and II, or 15 rows each).
 */
function aimeRecord(year: number, source: boolean) {
  return (row: Readonly<Record<string, unknown>>, index: number): Record<string, unknown> => {
    const idx = typeof row.problem_idx === 'number' ? row.problem_idx : (index % 15) + 1;
    const second = idx > 15 || index >= 15;
    const number = idx > 15 ? idx - 15 : idx;
    const contest = second ? 'II' : 'I';
    return {
      problem_idx: number,
      problem: text(row.problem),
      answer: text(row.answer),
      id: `${year}-${contest}-${number}`,
      ...(source ? { source: `AIME ${year} ${contest}` } : {}),
    };
  };
}

export const DATASET_SOURCES: Readonly<Record<string, DatasetSource>> = {
  'math500/test.jsonl': {
    kind: 'hub-file',
    repo: 'HuggingFaceH4/MATH-500',
    path: 'test.jsonl',
    // Pinned: the checksum is of this revision's file.
    revision: 'ff5b20257d8185524591543f8ff5993951537bb8',
    sha256: '35dc41080a3680858b27fa7e0533d2d547825316fc5dafe5d316f4ccc5a06132',
  },
  'gsm8k/test.jsonl': {
    kind: 'hub-rows',
    parts: [{ dataset: 'openai/gsm8k', config: 'main', split: 'test' }],
    expectedRows: 1319,
    requiredFields: ['question', 'answer'],
    toRecord: (row) => ({ question: text(row.question), answer: text(row.answer) }),
  },
  'gsm8k/train.jsonl': {
    kind: 'hub-rows',
    parts: [{ dataset: 'openai/gsm8k', config: 'main', split: 'train' }],
    expectedRows: 7473,
    requiredFields: ['question', 'answer'],
    toRecord: (row) => ({ question: text(row.question), answer: text(row.answer) }),
  },
  'aime_2024/aime_2024_matharena.jsonl': {
    kind: 'hub-rows',
    parts: [
      { dataset: 'MathArena/aime_2024_I', config: 'default', split: 'train' },
      { dataset: 'MathArena/aime_2024_II', config: 'default', split: 'train' },
    ],
    expectedRows: 30,
    requiredFields: ['problem', 'answer'],
    toRecord: aimeRecord(2024, false),
  },
  'aime_2025/aime_2025.jsonl': {
    kind: 'hub-rows',
    parts: [{ dataset: 'MathArena/aime_2025', config: 'default', split: 'train' }],
    expectedRows: 30,
    requiredFields: ['problem', 'answer'],
    toRecord: aimeRecord(2025, true),
  },
  'hmmt_feb_2025/hmmt_feb_2025.jsonl': {
    kind: 'hub-rows',
    parts: [{ dataset: 'MathArena/hmmt_feb_2025', config: 'default', split: 'train' }],
    expectedRows: 30,
    requiredFields: ['problem', 'answer'],
    toRecord: (row, index) => {
      const idx = typeof row.problem_idx === 'number' ? row.problem_idx : index + 1;
      return {
        problem_idx: idx,
        problem: text(row.problem),
        answer: text(row.answer),
        id: `hmmt-feb-2025-${idx}`,
      };
    },
  },
};

/** Adds or replaces the source of a dataset file (for built-in tasks defined elsewhere). */
const extraSources = new Map<string, DatasetSource>();

export function registerDatasetSource(file: string, source: DatasetSource): void {
  extraSources.set(file, source);
}

export function datasetSource(file: string): DatasetSource | undefined {
  return extraSources.get(file) ?? DATASET_SOURCES[file];
}

export const DEFAULT_HUB_URL = 'https://huggingface.co';
export const DEFAULT_ROWS_API_URL = 'https://datasets-server.huggingface.co';

/** The URL of a hub file: `<hub>/datasets/<repo>/resolve/<revision>/<path>`. */
export function hubFileUrl(hubUrl: string, source: HubFileSource): string {
  const path = source.path.split('/').map(encodeURIComponent).join('/');
  return `${hubUrl.replace(/\/+$/, '')}/datasets/${source.repo}/resolve/${encodeURIComponent(source.revision)}/${path}`;
}

/** The URL of one page of rows from the dataset viewer API. */
export function rowsUrl(apiUrl: string, part: RowsPart, offset: number, length: number): string {
  const q = new URLSearchParams({
    dataset: part.dataset,
    config: part.config,
    split: part.split,
    offset: String(offset),
    length: String(length),
  });
  return `${apiUrl.replace(/\/+$/, '')}/rows?${q.toString()}`;
}
