// `npm run bench -- engine`: rollout-engine throughput, memory and cache effectiveness.
// Prints ratios measured in this run; goals from the foundation issue are printed beside them.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { Engine } from '../src/engine/engine.js';
import { MemoryCompletionStore } from '../src/engine/ports.js';
import type { ModelHandle } from '../src/models/model-handle.js';
import { resolveModel } from '../src/models/resolve-model.js';
import type { RolloutRequest } from '../src/spec/rollout.js';
import { CallCache, RunStore } from '../src/store/index.js';
import { tinyTask } from '../src/test-support/tiny-task.js';

function requests(n: number, prompt = 'Answer.'): RolloutRequest[] {
  const task = tinyTask(n);
  return task.splits.test.map((example) => ({ candidateId: 'c0', systemPrompt: prompt, example, sample: 0 }));
}

function instantModel(): { handle: ModelHandle; calls: () => number } {
  let calls = 0;
  const userText = (o: LanguageModelV3CallOptions): string => {
    const m = o.prompt.find((p) => p.role === 'user');
    return m?.role === 'user' ? m.content.map((p) => (p.type === 'text' ? p.text : '')).join('') : '';
  };
  // A plain LanguageModelV3 (the SDK's mock records every call, which would dominate memory here).
  const model: LanguageModelV3 = {
    specificationVersion: 'v3',
    provider: 'mock',
    modelId: 'instant',
    supportedUrls: {},
    doStream: () => Promise.reject(new Error('not used')),
    doGenerate: async (o) => {
      calls++;
      return {
        content: [{ type: 'text', text: `Answer: ${userText(o).replace('q', 'a')}` }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 4, text: 4, reasoning: undefined },
        },
        warnings: [],
      };
    },
  };
  return {
    handle: {
      id: 'mock:instant',
      provider: 'mock',
      modelId: 'instant',
      model,
      supportsSeed: false,
      simulated: true,
      inProcess: true,
    },
    calls: () => calls,
  };
}

async function latencyBound(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'latency-server.ts'), '100'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const baseURL = chunk.toString().trim();
  try {
    const handle = resolveModel(`openai-compatible:${baseURL}#bench`, { env: {} });
    const store = new MemoryCompletionStore();
    const engine = new Engine({ taskModel: handle, concurrency: 32, store });
    const n = 3000;
    const t0 = performance.now();
    await engine.evaluate(tinyTask(n), requests(n));
    const seconds = (performance.now() - t0) / 1000;
    const achieved = n / seconds;
    const ideal = 32 / 0.1;
    console.log(
      `latency-bound: ${n} rollouts at concurrency 32 against a 100 ms local server in ${seconds.toFixed(2)} s`,
    );
    console.log(
      `  achieved ${achieved.toFixed(1)} rollouts/s of ideal ${ideal} -> ratio ${(achieved / ideal).toFixed(3)} (goal >= 0.9)`,
    );
    // The same evaluation again in a new run that shares only the call cache.
    const shared = new MemoryCompletionStore();
    for (const [key, value] of store.shared) shared.putShared(key, value);
    const again = new Engine({ taskModel: handle, concurrency: 32, store: shared });
    const t1 = performance.now();
    await again.evaluate(tinyTask(n), requests(n));
    const repeat = (performance.now() - t1) / 1000;
    console.log(
      `  repeated identical evaluation (new run, shared cache): ${again.spend().task.calls} model calls (goal 0), ${repeat.toFixed(3)} s, speed-up ${(seconds / repeat).toFixed(0)}x`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

async function inProcess(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sepo-bench-'));
  try {
    const store = RunStore.open(join(dir, 'store'));
    const cache = CallCache.open(join(dir, 'cache.db'));
    const run = store.createRun({ kind: 'bench', config: {}, seed: 0, versions: {} });
    const { handle, calls } = instantModel();
    const make = (runId: string): Engine =>
      new Engine({
        taskModel: handle,
        concurrency: 32,
        store: store.completions(runId, cache),
        sink: store.rolloutSink(runId),
      });
    const n = 20_000;
    const reqs = requests(n);
    const task = tinyTask(n);
    const t0 = performance.now();
    await make(run.id).evaluate(task, reqs);
    store.flush();
    cache.flush();
    const first = (performance.now() - t0) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `in-process: ${n} rollouts with scoring and persistence (SQLite run store + call cache) in ${first.toFixed(2)} s`,
    );
    console.log(
      `  ${(n / first).toFixed(0)} rollouts/s (goal >= 5000) -> ratio ${(n / first / 5000).toFixed(2)}; peak RSS ${rss.toFixed(0)} MB (goal < 300)`,
    );

    const callsBefore = calls();
    const second = store.createRun({ kind: 'bench', config: {}, seed: 0, versions: {} });
    const t1 = performance.now();
    await make(second.id).evaluate(task, reqs);
    store.flush();
    const repeat = (performance.now() - t1) / 1000;
    console.log(
      `repeated identical evaluation (new run, shared cache): ${calls() - callsBefore} model calls (goal 0), ${repeat.toFixed(2)} s, speed-up ${(first / repeat).toFixed(2)}x`,
    );
    cache.close();
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const only = args[0];
  // In-process first: its peak RSS is the process's peak so far, not the HTTP part's.
  if (only === undefined || only === 'in-process') await inProcess();
  if (only === undefined || only === 'latency') await latencyBound();
}
