// `npm run bench -- <name> [args]` runs bench/<name>.ts, which exports `run(args: string[])`.
// Benchmarks print ratios measured in one run; they are not timed tests.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>; available: ${available.join(', ')}`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run: (args: string[]) => Promise<void> };
await mod.run(args);
