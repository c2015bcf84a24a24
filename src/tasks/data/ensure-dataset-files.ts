import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../errors.js';
// Registers the built-in tasks: ensureDatasetFiles looks their files up by task id.
import '../builtin/index.js';
import { getBuiltinTask } from '../task-registry.js';
import { DEFAULT_HUB_URL, DEFAULT_ROWS_API_URL, datasetSource } from './dataset-sources.js';
import { defaultDataDir } from './default-data-dir.js';
import { downloadDatasetFile, type FetchFn, OFFLINE_HINT } from './download-dataset-file.js';

export interface EnsureDatasetOptions {
  /**
   * A data dir the user chose (`--data-dir`; else $SEPO_DATA_DIR). Nothing is downloaded into it:
   * missing files are reported by the loader. Without it, files go to the download cache.
   */
  readonly dataDir?: string;
  /** Environment: SEPO_DATA_DIR, SEPO_CACHE_DIR, SEPO_HUB_URL, SEPO_ROWS_API_URL, HF_TOKEN, HF_HUB_OFFLINE. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: FetchFn;
  /** Progress output (the CLI passes stderr); none when undefined. */
  readonly write?: (text: string) => void;
  readonly tty?: boolean;
  readonly retryDelaysMs?: readonly number[];
}

export interface EnsuredDataset {
  /** The data dir the task should load from. */
  readonly dataDir: string;
  /** Files fetched by this call (empty when everything was already there). */
  readonly downloaded: readonly string[];
}

/**
 * Makes sure a built-in task's files are on disk: with a user data dir, only resolves it; otherwise
 * downloads each missing file once from its public hub source into the cache (defaultDataDir()),
 * verifying it, with progress on `write`. A no-op for tasks that are not built-in datasets.
 */
export async function ensureDatasetFiles(
  taskId: string,
  options: EnsureDatasetOptions = {},
): Promise<EnsuredDataset> {
  const env = options.env ?? process.env;
  const chosen = options.dataDir ?? (env.SEPO_DATA_DIR || undefined);
  const dataDir = chosen ?? defaultDataDir(env);
  const builtin = getBuiltinTask(taskId);
  if (builtin === undefined || chosen !== undefined) return { dataDir, downloaded: [] };
  const missing = builtin.files.filter((file) => !existsSync(join(dataDir, file)));
  const downloaded: string[] = [];
  for (const file of missing) {
    const source = datasetSource(file);
    if (source === undefined) {
      throw new DataError(
        join(dataDir, file),
        `no public download source is known for ${taskId}; ${OFFLINE_HINT}`,
      );
    }
    if (env.HF_HUB_OFFLINE === '1' || env.SEPO_OFFLINE === '1') {
      throw new DataError(
        join(dataDir, file),
        `not downloaded yet and offline mode is on (HF_HUB_OFFLINE/SEPO_OFFLINE); ${OFFLINE_HINT}`,
      );
    }
    await downloadDatasetFile(file, source, dataDir, {
      hubUrl: env.SEPO_HUB_URL || DEFAULT_HUB_URL,
      rowsApiUrl: env.SEPO_ROWS_API_URL || DEFAULT_ROWS_API_URL,
      fetch: options.fetch ?? fetch,
      ...(env.HF_TOKEN ? { token: env.HF_TOKEN } : {}),
      ...(options.write === undefined
        ? {}
        : { progress: { write: options.write, tty: options.tty === true } }),
      ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    });
    downloaded.push(file);
  }
  return { dataDir, downloaded };
}

/** Whether every file of a built-in task is present in `dataDir` (for `sepo tasks`). */
export function datasetFilesPresent(taskId: string, dataDir: string): boolean {
  const builtin = getBuiltinTask(taskId);
  return builtin?.files.every((file) => existsSync(join(dataDir, file))) === true;
}
