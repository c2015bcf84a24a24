import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layer rule of docs/architecture.md, read off the import graph of src/ (type-only imports count:
// they tie the files together as much as value imports do). Tests and test-support are exempt.

const SRC = dirname(fileURLToPath(import.meta.url));
const BENCH = join(SRC, '..', 'bench');

/**
 * The layers, lowest first. A file may import its own layer and any lower one, never a higher one.
 * A top-level directory of src/ is a layer; `errors.ts` and `index.ts` (the package root) are too.
 * tasks/ sits below sim/: the simulated world builds tasks and registers its `sim:` task source with
 * tasks/ (src/sim/register.ts), so sim may import tasks and tasks never imports sim.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['spec', 'util', 'errors'],
  ['stats'],
  ['models'],
  ['tasks', 'templates'],
  ['sim'],
  ['engine'],
  ['optimizers'],
  ['p1'],
  ['store'],
  ['run'],
  ['report'],
  ['index'],
  ['cli'],
];

/** Layers that never touch the file system, the network or processes (I/O lives in higher layers). */
const NO_IO_LAYERS = ['spec', 'stats', 'optimizers'];
const IO_MODULES = /^node:(fs|fs\/promises|net|http|https|http2|child_process|dgram|tls)$/;

/** Imports against the rule that are being removed, as `from -> to` paths relative to src/. */
const KNOWN_EXCEPTIONS: ReadonlySet<string> = new Set<string>([]);

/** bench/ files that still import src/cli, as `bench/<file> -> <path under src/>`. */
const KNOWN_BENCH_CLI_IMPORTS: ReadonlySet<string> = new Set<string>([]);

const rank = new Map(LAYERS.flatMap((names, i) => names.map((name) => [name, i] as const)));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Path relative to src/ with forward slashes, e.g. `tasks/load-task.ts`. */
const srcPath = (file: string): string => relative(SRC, file).split(sep).join('/');

/** The layer of a path relative to src/: its top directory, or the file's name for files at the root. */
function layerOf(path: string): string {
  const top = path.split('/')[0] ?? path;
  return top.endsWith('.ts') ? top.slice(0, -'.ts'.length) : top;
}

/** Every import of `file` (static, re-export, side-effect, dynamic), as written. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Relative imports of `file` resolved to .ts paths (`./x.js` -> `<dir>/x.ts`). */
function localImports(file: string): string[] {
  return importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

/** The import graph of src/ (non-test files), keyed by path relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(SRC)) {
    const targets = localImports(file)
      .map(srcPath)
      .filter((path) => !path.startsWith('../'));
    graph.set(srcPath(file), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan): the import cycles. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('architecture (docs/architecture.md)', () => {
  const graph = importGraph();

  it('reads the import graph of src/', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('tasks/load-task.ts')).toContain('tasks/task-registry.ts');
  });

  it('places every file of src/ in a layer', () => {
    const unknown = [...new Set([...graph.keys()].map(layerOf))].filter((layer) => !rank.has(layer));
    expect(unknown, 'add new top-level directories to LAYERS and docs/architecture.md').toEqual([]);
  });

  it('never imports a higher layer', () => {
    const violations: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const edge = `${from} -> ${to}`;
        const up = (rank.get(layerOf(to)) ?? 0) > (rank.get(layerOf(from)) ?? 0);
        if (up && !KNOWN_EXCEPTIONS.has(edge)) violations.push(edge);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const cyclic = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts', 'c.ts']],
      ['c.ts', []],
    ]);
    expect(importCycles(cyclic)).toEqual([['a.ts', 'b.ts']]);
  });

  it('keeps file system, network and processes out of spec/, stats/ and optimizers/', () => {
    const io = [...graph.keys()]
      .filter((path) => NO_IO_LAYERS.includes(layerOf(path)))
      .flatMap((path) =>
        importsOf(join(SRC, path))
          .filter((spec) => IO_MODULES.test(spec))
          .map((spec) => `${path} -> ${spec}`),
      );
    expect(io).toEqual([]);
  });

  it('keeps bench/ out of src/cli', () => {
    const imports = tsFiles(BENCH).flatMap((file) =>
      localImports(file)
        .map(srcPath)
        .filter((path) => path.startsWith('cli/'))
        .map((path) => `bench/${relative(BENCH, file).split(sep).join('/')} -> ${path}`),
    );
    expect(imports.filter((edge) => !KNOWN_BENCH_CLI_IMPORTS.has(edge))).toEqual([]);
  });
});
