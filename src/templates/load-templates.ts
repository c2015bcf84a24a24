import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../util/hash.js';

/**
 * Every optimizer's prompt templates are versioned text files beside this module. They are read once
 * here (I/O stays out of src/optimizers) and handed to the optimizers by name (file name sans .txt).
 */
export type PromptTemplates = Readonly<Record<string, string>>;

let cached: PromptTemplates | undefined;

export function loadTemplates(): PromptTemplates {
  if (cached !== undefined) return cached;
  const dir = dirname(fileURLToPath(import.meta.url));
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.txt')) {
      // Leading "# name vN" lines version a template for people; they are never sent to a model.
      out[file.slice(0, -4)] = readFileSync(join(dir, file), 'utf8')
        .replace(/^(?:#[^\n]*\n)+/, '')
        .trimEnd();
    }
  }
  cached = out;
  return out;
}

export function requireTemplate(templates: PromptTemplates, name: string): string {
  const t = templates[name];
  if (t === undefined)
    throw new Error(`missing prompt template "${name}" (expected src/templates/${name}.txt)`);
  return t;
}

/**
 * The versions of the templates whose names start with `prefix` (e.g. `sepo-`), sorted by name: each
 * template's "# name vN" header, or for a template without one a hash of its text, so that editing an
 * unversioned template still changes the result.
 */
export function templateVersions(prefix: string): string[] {
  const dir = dirname(fileURLToPath(import.meta.url));
  return readdirSync(dir)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const header = /^# (\S+ v\d+)/.exec(text)?.[1];
      return header ?? `${file.slice(0, -4)} sha256:${sha256(text).slice(0, 12)}`;
    });
}
