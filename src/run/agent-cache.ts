import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SepoAgentProvenance } from '../optimizers/framework/method-details.js';
import { defaultAgentCacheDir } from '../store/index.js';
import { templateVersions } from '../templates/load-templates.js';
import { hashValue } from '../util/hash.js';

/*
 * The cache of pre-trained SePO prompt agents: pre-training is a one-time cost shared by every target
 * (the paper's accounting), so each pre-trained agent is kept in the user cache as `<key>.json` and a later
 * run whose key matches reuses it. The key is what shapes the agent: the optimizer model, the pool, the
 * SePO templates' versions and the pre-training settings (not the target, not the seed).
 */

/** What a cached agent's key is made of. */
export interface AgentKeyParts {
  readonly optimizerModel: string;
  readonly pool: readonly string[];
  readonly templates: readonly string[];
  readonly settings: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** A pre-trained prompt agent with its provenance (the file's content). */
export interface CachedAgent {
  readonly prompt: string;
  readonly provenance: SepoAgentProvenance;
}

export interface CachedAgentFile {
  readonly file: string;
  readonly agent: CachedAgent;
}

/** The SePO templates' versions (the agent's own templates: seed, proposal, self-edit). */
export function sepoTemplateVersions(): string[] {
  return templateVersions('sepo-');
}

export function agentCacheKey(parts: AgentKeyParts): string {
  return hashValue({
    optimizerModel: parts.optimizerModel,
    pool: parts.pool,
    templates: parts.templates,
    settings: parts.settings,
  }).slice(0, 16);
}

/** The agent cache directory: beside the call cache (honours $SEPO_CACHE_DIR, $XDG_CACHE_HOME). */
export function agentCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return defaultAgentCacheDir(env);
}

function isCachedAgent(value: unknown): value is CachedAgent {
  const v = value as { prompt?: unknown; provenance?: { key?: unknown; pool?: unknown } } | null;
  return (
    typeof v?.prompt === 'string' && typeof v.provenance?.key === 'string' && Array.isArray(v.provenance.pool)
  );
}

function readAgent(file: string): CachedAgent | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isCachedAgent(value) ? value : undefined;
  } catch {
    return undefined; // unreadable or partial: treated as absent (a new pre-training replaces it)
  }
}

/** The cached agent under `key`, or undefined. */
export function readCachedAgent(dir: string, key: string): CachedAgentFile | undefined {
  const file = join(dir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  const agent = readAgent(file);
  return agent === undefined || agent.provenance.key !== key ? undefined : { file, agent };
}

/** Writes the agent under its key (atomically: a reader never sees half a file); returns the file. */
export function writeCachedAgent(dir: string, agent: CachedAgent): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${agent.provenance.key}.json`);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(agent, null, 2)}\n`);
  renameSync(temp, file);
  return file;
}

/** Every cached agent, newest first. */
export function listCachedAgents(dir: string): CachedAgentFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      const file = join(dir, name);
      const agent = readAgent(file);
      return agent === undefined ? [] : [{ file, agent }];
    })
    .sort((a, b) => b.agent.provenance.createdAt.localeCompare(a.agent.provenance.createdAt));
}
