import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { SimLanguageModel } from '../sim/sim-language-model.js';
import { simTask } from '../sim/sim-task.js';
import type { SimWorld } from '../sim/sim-world.js';
import type { Task } from '../spec/task.js';

/*
 * The simulated world over the OpenAI chat-completions protocol, so that any tool (the reference GEPA,
 * DSPy, TextGrad, OPRO, promptfoo) runs on exactly the world `--model sim:<world>` runs on:
 *   POST /v1/chat/completions   (JSON or SSE streaming; `seed` is the sample identity, as for sim:)
 *   GET  /v1/models
 *   GET  /v1/sim/tasks          the world's tasks, with split sizes
 *   GET  /v1/sim/tasks/<id>     one task: default system prompt, every example with its user message
 *   POST /v1/sim/score          {task, example_id, response} scored by sepo's own scorer
 * Errors have OpenAI's shape: {"error": {"message", "type", "param", "code"}}.
 */

export const DEFAULT_SIM_BODY_LIMIT = 4 * 1024 * 1024;

export interface SimServerOptions {
  readonly world: SimWorld;
  /** Simulated latency per chat completion in ms (default: the world's). */
  readonly latencyMs?: number;
  /** Largest request body accepted, in bytes (default 4 MiB); larger gets 413. */
  readonly maxBodyBytes?: number;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

const invalid = (message: string, param: string | null = null): ApiError =>
  new ApiError(400, message, 'invalid_request_error', null, param);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Reads the body up to `limit` bytes. Past the limit it keeps reading (and dropping) the rest, so the
 * client gets the 413 answer rather than a reset connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit
        ? reject(
            new ApiError(
              413,
              `request body is larger than ${limit} bytes`,
              'invalid_request_error',
              'body_too_large',
            ),
          )
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = await readBody(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('the request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('the request body must be a JSON object');
  return body as Record<string, unknown>;
}

function contentText(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
          ? part.text
          : '',
      )
      .join('');
  }
  if (content === null || content === undefined) return '';
  throw invalid(
    `messages[${index}].content must be a string or a list of text parts`,
    `messages[${index}].content`,
  );
}

/** OpenAI messages as the AI SDK prompt the simulated model reads (system, user and assistant turns). */
function toPrompt(messages: unknown): LanguageModelV3Prompt {
  if (!Array.isArray(messages) || messages.length === 0)
    throw invalid("'messages' must be a non-empty array of {role, content}", 'messages');
  return messages.map((m: unknown, i): LanguageModelV3Prompt[number] => {
    if (typeof m !== 'object' || m === null)
      throw invalid(`messages[${i}] must be an object`, `messages[${i}]`);
    const { role, content } = m as { role?: unknown; content?: unknown };
    const text = contentText(content, i);
    if (role === 'system' || role === 'developer') return { role: 'system', content: text };
    if (role === 'user') return { role: 'user', content: [{ type: 'text', text }] };
    if (role === 'assistant') return { role: 'assistant', content: [{ type: 'text', text }] };
    throw invalid(`messages[${i}].role must be system, developer, user or assistant`, `messages[${i}].role`);
  });
}

function optionalInt(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalid(`'${name}' must be an integer`, name);
  return value;
}

/** The request handler of `sepo serve-sim`. Never throws out of the handler. */
export function simRequestHandler(
  options: SimServerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { world } = options;
  const limit = options.maxBodyBytes ?? DEFAULT_SIM_BODY_LIMIT;
  const model = new SimLanguageModel(world, {
    modelId: world.name,
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
  });
  const modelNames = new Set([world.name, `sim:${world.name}`]);
  const tasks = new Map<string, Task>();
  for (const t of world.tasks) {
    if (t.generator === undefined) continue;
    const task = simTask(world, t);
    tasks.set(task.id, task);
    tasks.set(t.id, task);
  }
  const taskById = (id: unknown): Task => {
    const task = typeof id === 'string' ? tasks.get(id) : undefined;
    if (task === undefined)
      throw new ApiError(
        404,
        `unknown task ${JSON.stringify(id)}; this world has ${[...new Set([...tasks.values()].map((t) => t.id))].join(', ')}`,
        'invalid_request_error',
        'task_not_found',
        'task',
      );
    return task;
  };

  const chat = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req, limit);
    const name = body.model;
    if (typeof name !== 'string' || !modelNames.has(name))
      throw new ApiError(
        404,
        `The model ${JSON.stringify(name)} does not exist; this server serves "${world.name}"`,
        'invalid_request_error',
        'model_not_found',
        'model',
      );
    const prompt = toPrompt(body.messages);
    const n = optionalInt(body, 'n');
    if (n !== undefined && n !== 1)
      throw invalid("only 'n': 1 is supported (send one request per sample with its own 'seed')", 'n');
    const seed = optionalInt(body, 'seed');
    const maxTokens = optionalInt(body, 'max_completion_tokens') ?? optionalInt(body, 'max_tokens');
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const result = await model.doGenerate({
      prompt,
      ...(seed === undefined ? {} : { seed }),
      ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
      abortSignal: controller.signal,
    });
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    const usage = {
      prompt_tokens: result.usage.inputTokens.total ?? 0,
      completion_tokens: result.usage.outputTokens.total ?? 0,
      total_tokens: (result.usage.inputTokens.total ?? 0) + (result.usage.outputTokens.total ?? 0),
    };
    const finish = result.finishReason.unified === 'length' ? 'length' : 'stop';
    // A deterministic id: the same request (messages, seed) always gets the same completion.
    const id = `chatcmpl-sim-${createHash('sha256')
      .update(JSON.stringify([body.messages, seed ?? 0]))
      .digest('hex')
      .slice(0, 24)}`;
    const base = { id, created: 0, model: world.name, system_fingerprint: 'sepo-sim' };
    if (body.stream !== true) {
      sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: finish, logprobs: null },
        ],
        usage,
      });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): string =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const piece of text.match(/\s*\S+\s*/g) ?? [text]) res.write(chunk({ content: piece }, null));
    res.write(chunk({}, finish));
    const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
    if (streamOptions?.include_usage === true)
      res.write(
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
      );
    res.end('data: [DONE]\n\n');
  };

  const describeTask = (task: Task, withExamples: boolean): Record<string, unknown> => ({
    id: task.id,
    description: task.description,
    kind: task.kind,
    domain: task.domain,
    default_system_prompt: task.defaultSystemPrompt,
    split_sizes: {
      train: task.splits.train.length,
      val: task.splits.val.length,
      test: task.splits.test.length,
    },
    ...(withExamples
      ? {
          splits: Object.fromEntries(
            (['train', 'val', 'test'] as const).map((split) => [
              split,
              task.splits[split].map((e) => ({
                id: e.id,
                input: e.input,
                answer: e.answer,
                user_message: task.toUserMessage(e),
              })),
            ]),
          ),
        }
      : {}),
  });

  const score = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req, limit);
    const task = taskById(body.task);
    const exampleId = body.example_id;
    const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
    const example = all.find((e) => e.id === exampleId);
    if (example === undefined)
      throw new ApiError(
        404,
        `unknown example_id ${JSON.stringify(exampleId)} in ${task.id}`,
        'invalid_request_error',
        'example_not_found',
        'example_id',
      );
    if (typeof body.response !== 'string') throw invalid("'response' must be a string", 'response');
    const verdict = await task.scorer.score(example, body.response);
    sendJson(res, 200, {
      task: task.id,
      example_id: example.id,
      score: verdict.score,
      feedback: verdict.feedback,
      extracted: verdict.extracted ?? null,
      failure: verdict.failure ?? null,
    });
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const only = (expected: string): void => {
      if (method !== expected)
        throw new ApiError(405, `use ${expected} ${path}`, 'invalid_request_error', 'method_not_allowed');
    };
    if (path === '/v1/chat/completions') {
      only('POST');
      return chat(req, res);
    }
    if (path === '/v1/models') {
      only('GET');
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: world.name, object: 'model', created: 0, owned_by: 'sepo-sim (simulated)' }],
      });
    }
    if (path === '/v1/sim/tasks') {
      only('GET');
      const unique = [...new Set(tasks.values())];
      return sendJson(res, 200, {
        object: 'list',
        simulated: true,
        data: unique.map((t) => describeTask(t, false)),
      });
    }
    if (path.startsWith('/v1/sim/tasks/')) {
      only('GET');
      const id = decodeURIComponent(path.slice('/v1/sim/tasks/'.length));
      return sendJson(res, 200, { simulated: true, ...describeTask(taskById(id), true) });
    }
    if (path === '/v1/sim/score') {
      only('POST');
      return score(req, res);
    }
    throw new ApiError(
      404,
      `no route ${method} ${path}; see /v1/chat/completions, /v1/models, /v1/sim/tasks, /v1/sim/score`,
      'invalid_request_error',
      'not_found',
    );
  };

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      const e =
        error instanceof ApiError
          ? error
          : new ApiError(500, error instanceof Error ? error.message : String(error), 'server_error', null);
      sendJson(res, e.status, { error: { message: e.message, type: e.type, param: e.param, code: e.code } });
    });
  };
}
