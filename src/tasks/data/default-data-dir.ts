import { homedir } from 'node:os';
import { join } from 'node:path';

/** The default data dir: $SEPO_DATA_DIR, else <cache>/datasets beside the call cache. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.SEPO_DATA_DIR) return env.SEPO_DATA_DIR;
  if (env.SEPO_CACHE_DIR) return join(env.SEPO_CACHE_DIR, 'datasets');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sepo', 'datasets');
}
