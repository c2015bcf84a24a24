import type { Example, Splits } from '../spec/example.js';
import { rngFor } from '../util/rng.js';
import { WorldFileError } from './parse-world.js';
import { GENERATORS } from './synthetic/generators.js';
import { fnv1a, mix32 } from './text-match.js';
import { WORLD_DEFAULTS } from './world-defaults.js';
import type { WorldFile } from './world-file.js';

const ATTEMPTS_PER_EXAMPLE = 200;

/**
 * Generates the splits of every synthetic task of a world: a pure function of the world seed, the task
 * id and the split. Questions are distinct across the whole world, so an example's user message
 * identifies it. Example ids are `<split>-<i>`.
 */
export function generateSplits(world: WorldFile, file: string): Map<string, Splits> {
  const seen = new Set<string>();
  const out = new Map<string, Splits>();
  world.tasks.forEach((task, t) => {
    if (task.source.kind !== 'synthetic') return;
    const generator = GENERATORS[task.source.generator];
    const sizes = task.splits ?? WORLD_DEFAULTS.task.splits;
    const make = (split: 'train' | 'val' | 'test'): Example[] => {
      const rng = rngFor(mix32(world.seed, fnv1a(task.id)), split);
      const examples: Example[] = [];
      for (let i = 0; i < sizes[split]; i++) {
        let item = generator.generate(rng);
        for (let a = 0; seen.has(item.input); a++) {
          if (a >= ATTEMPTS_PER_EXAMPLE) {
            throw new WorldFileError(
              file,
              `tasks[${t}].splits.${split}`,
              `generator "${generator.name}" cannot produce that many distinct examples; lower the split sizes`,
            );
          }
          item = generator.generate(rng);
        }
        seen.add(item.input);
        examples.push({ id: `${split}-${i}`, input: item.input, answer: item.answer, meta: item.meta });
      }
      return examples;
    };
    out.set(task.id, { train: make('train'), val: make('val'), test: make('test') });
  });
  return out;
}
