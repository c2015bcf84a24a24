import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where the shared call cache lives unless the caller says otherwise: `$SEPO_CACHE_DIR/cache.db`, else
 * `$XDG_CACHE_HOME/sepo/cache.db`, else `~/.cache/sepo/cache.db`. Empty variables count as unset.
 */
export function defaultCachePath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  const sepoDir = env.SEPO_CACHE_DIR;
  if (sepoDir !== undefined && sepoDir !== '') return join(sepoDir, 'cache.db');
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '') return join(xdg, 'sepo', 'cache.db');
  return join(home, '.cache', 'sepo', 'cache.db');
}

/**
 * Where pre-trained SePO prompt agents are kept, beside the call cache: `$SEPO_CACHE_DIR/agents`, else
 * `$XDG_CACHE_HOME/sepo/agents`, else `~/.cache/sepo/agents` (one `<key>.json` per agent).
 */
export function defaultAgentCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  return join(dirname(defaultCachePath(env, home)), 'agents');
}
