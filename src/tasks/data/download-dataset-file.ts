import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataError } from '../../errors.js';
import {
  type DatasetSource,
  type HubFileSource,
  type HubRowsSource,
  hubFileUrl,
  rowsUrl,
} from './dataset-sources.js';
import { createDownloadProgress, type DownloadProgressOptions, formatBytes } from './download-progress.js';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  /** Hub base URL (default https://huggingface.co; `SEPO_HUB_URL`). */
  readonly hubUrl: string;
  /** Dataset viewer API base URL (default https://datasets-server.huggingface.co; `SEPO_ROWS_API_URL`). */
  readonly rowsApiUrl: string;
  readonly fetch: FetchFn;
  /** Sent as a bearer token (gated datasets; `HF_TOKEN`). */
  readonly token?: string;
  readonly progress?: DownloadProgressOptions;
  /** Pause before retrying a 429/5xx answer (ms per attempt; default 1 s, 3 s). */
  readonly retryDelaysMs?: readonly number[];
}

const ROWS_PAGE = 100;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export const OFFLINE_HINT =
  'pass --data-dir <dir> with the files (layout of shared/datasets) or set SEPO_DATA_DIR; SEPO_HUB_URL / SEPO_ROWS_API_URL point at a mirror';

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e !== undefined && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** GET with retries on 429/5xx; a network failure is a DataError that says the machine looks offline. */
async function get(file: string, url: string, options: DownloadOptions): Promise<Response> {
  const delays = options.retryDelaysMs ?? [1000, 3000];
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
        signal: AbortSignal.timeout(120_000),
      });
    } catch (error) {
      const code = networkCode(error) ?? (error instanceof Error ? error.name : 'error');
      const offline = NETWORK_CODES.has(code) || code === 'TimeoutError';
      throw new DataError(
        file,
        `cannot download from ${url} (${code})${offline ? ': no network connection?' : ''}; ${OFFLINE_HINT}`,
      );
    }
    if (response.ok) return response;
    const retryable = response.status === 429 || response.status >= 500;
    const delay = delays[attempt];
    if (retryable && delay !== undefined) {
      await response.body?.cancel();
      await new Promise((r) => setTimeout(r, delay));
      continue;
    }
    const why =
      response.status === 401 || response.status === 403
        ? 'access denied (a gated dataset? accept its terms on the hub and set HF_TOKEN)'
        : response.status === 404
          ? 'not found'
          : `HTTP ${response.status}`;
    throw new DataError(file, `cannot download from ${url}: ${why}; ${OFFLINE_HINT}`);
  }
}

async function readBody(response: Response, onBytes: (n: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let done = 0;
  if (response.body === null) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    chunks.push(Buffer.from(value));
    done += value.byteLength;
    onBytes(done);
  }
  return Buffer.concat(chunks);
}

/** Writes through a temporary file and a rename, so a reader never sees a partial file. */
function writeAtomically(dest: string, data: Buffer | string): void {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, dest);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function downloadHubFile(
  file: string,
  source: HubFileSource,
  dest: string,
  options: DownloadOptions,
): Promise<void> {
  const url = hubFileUrl(options.hubUrl, source);
  const response = await get(file, url, options);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const progress = options.progress && createDownloadProgress(file, 'bytes', options.progress);
  const data = await readBody(response, (n) => progress?.update(n, total));
  const actual = createHash('sha256').update(data).digest('hex');
  if (source.sha256 !== undefined && actual !== source.sha256) {
    progress?.finish('checksum mismatch');
    throw new DataError(
      file,
      `checksum mismatch for ${url}: expected sha256 ${source.sha256}, got ${actual} (${formatBytes(data.length)}); the file was not saved. The hub copy may have changed or the download was corrupted; retry, or ${OFFLINE_HINT}`,
    );
  }
  writeAtomically(dest, data);
  progress?.finish(formatBytes(data.length));
}

interface RowsPage {
  readonly rows?: readonly { readonly row?: Readonly<Record<string, unknown>> }[];
  readonly num_rows_total?: number;
}

async function downloadHubRows(
  file: string,
  source: HubRowsSource,
  dest: string,
  options: DownloadOptions,
): Promise<void> {
  const progress = options.progress && createDownloadProgress(file, 'rows', options.progress);
  const rows: Readonly<Record<string, unknown>>[] = [];
  for (const part of source.parts) {
    let total: number | undefined;
    for (let offset = 0; total === undefined || offset < total; offset += ROWS_PAGE) {
      const url = rowsUrl(options.rowsApiUrl, part, offset, ROWS_PAGE);
      const response = await get(file, url, options);
      let page: RowsPage;
      try {
        page = (await response.json()) as RowsPage;
      } catch {
        throw new DataError(file, `the dataset API answered ${url} with something other than JSON`);
      }
      if (!Array.isArray(page.rows) || typeof page.num_rows_total !== 'number') {
        throw new DataError(file, `unexpected answer from ${url} (no "rows" / "num_rows_total")`);
      }
      total = page.num_rows_total;
      for (const r of page.rows) rows.push(r.row ?? {});
      if (page.rows.length === 0) break;
      progress?.update(rows.length, source.expectedRows);
    }
  }
  if (rows.length !== source.expectedRows) {
    throw new DataError(
      file,
      `expected ${source.expectedRows} rows from the hub, got ${rows.length}; the file was not saved`,
    );
  }
  const lines = rows.map((row, index) => {
    const record = source.toRecord(row, index);
    for (const field of source.requiredFields) {
      const v = record[field];
      if (typeof v !== 'string' || v === '') {
        throw new DataError(
          file,
          `row ${index} from the hub has no "${field}"; the file was not saved`,
          undefined,
          field,
        );
      }
    }
    return JSON.stringify(record);
  });
  writeAtomically(dest, `${lines.join('\n')}\n`);
  progress?.finish(`${rows.length} rows`);
}

/** Downloads one dataset file into `dataDir/file` (verified before it is written). */
export async function downloadDatasetFile(
  file: string,
  source: DatasetSource,
  dataDir: string,
  options: DownloadOptions,
): Promise<string> {
  const dest = join(dataDir, file);
  if (source.kind === 'hub-file') await downloadHubFile(file, source, dest, options);
  else await downloadHubRows(file, source, dest, options);
  return dest;
}
