import type { ModelHandle, ProviderFactory } from '../models/model-handle.js';
import { registerProvider } from '../models/provider-registry.js';
import { registerTaskSource } from '../tasks/task-source-registry.js';
import { loadWorld } from './load-world.js';
import { SimLanguageModel } from './sim-language-model.js';
import { parseSimModelString } from './sim-model-string.js';
import { listSimTasks, loadSimTask } from './sim-task.js';

/**
 * Builds the handle for `sim:<world>[?latency=<ms>]`: always `simulated: true`; seeds honoured (the
 * seed is the sample identity); in-process, so the engine may call doGenerate directly.
 */
export const simProviderFactory: ProviderFactory = (rest, context): ModelHandle => {
  const spec = parseSimModelString(rest, context.option);
  const world = loadWorld(spec.world);
  const modelId = rest.trim();
  return {
    id: `sim:${modelId}`,
    provider: 'sim',
    modelId,
    model: new SimLanguageModel(world, {
      modelId,
      ...(spec.latencyMs === undefined ? {} : { latencyMs: spec.latencyMs }),
    }),
    supportsSeed: true,
    simulated: true,
    inProcess: true,
  };
};

/**
 * Registers the "sim" model provider and the `sim:<world>[/<task>]` task source (idempotent).
 * Importing this module or src/sim/index.ts does this.
 */
export function registerSimProvider(): void {
  registerProvider('sim', simProviderFactory);
  registerTaskSource('sim', { load: loadSimTask, list: listSimTasks });
}

registerSimProvider();
