import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BudgetExhaustedError, CancelledError, ConfigError } from '../../errors.js';
import {
  DEFAULT_MAX_PROMPTS,
  parseRewardRequest,
  RewardRequestError,
  RewardService,
} from '../../p1/reward-service.js';
import { checkPlannedRollouts, LIMITS } from '../../run/bounds.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../../run/common-options.js';
import type { ConfigFile } from '../../run/config-file.js';
import { spendText } from '../../run/format.js';
import { prepareTaskFromOptions } from '../../run/prepare-task.js';
import type { RunContext } from '../../run/run-context.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { withRun } from '../cli-run.js';
import type { OptionDef, ParsedOptions } from '../options.js';
import { closeServer, listen, untilSignal, urlOf } from '../serve-http.js';

export const SERVE_REWARD_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'subset',
    kind: 'string',
    description: 'comma-separated example ids the reward is measured on (e.g. from sepo diagnose)',
  },
  {
    name: 'm',
    kind: 'int',
    default: 16,
    min: 1,
    max: LIMITS.samples,
    description: 'responses per example per prompt',
  },
  {
    name: 'port',
    kind: 'int',
    default: 8787,
    min: 0,
    max: 65_535,
    description: 'port to listen on',
  },
  { name: 'host', kind: 'string', default: '127.0.0.1', description: 'address to bind' },
  {
    name: 'max-prompts',
    kind: 'int',
    default: DEFAULT_MAX_PROMPTS,
    min: 1,
    max: 10_000,
    description: `prompts per request at most`,
  },
  ...ENGINE_OPTIONS,
];

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ServeRewardSummary {
  readonly runId: string;
  readonly url: string;
  readonly requests: number;
  readonly prompts: number;
  readonly spend: Spend;
}

/** The subset's examples by id, searched in train, val and test; an unknown id is a ConfigError. */
export function resolveSubset(task: Task, spec: string): Example[] {
  const ids = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) throw new ConfigError('--subset', 'expected comma-separated example ids');
  const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
  const byId = new Map(all.map((e) => [e.id, e]));
  const seen = new Set<string>();
  return ids.map((id) => {
    const example = byId.get(id);
    if (example === undefined) {
      const sample = all
        .slice(0, 3)
        .map((e) => e.id)
        .join(', ');
      throw new ConfigError('--subset', `unknown example id "${id}" in ${task.id} (ids look like ${sample})`);
    }
    if (seen.has(id)) throw new ConfigError('--subset', `example id "${id}" appears twice`);
    seen.add(id);
    return example;
  });
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The request body as text. A body over MAX_BODY_BYTES is a 413; the rest of it is read and dropped
 * (not kept) so the client, still sending, gets the response instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(new HttpError(413, `body: larger than ${MAX_BODY_BYTES} bytes`, 'body'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    // After a 413 the connection is not reused: the rest of the oversized body is not worth reading twice.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/**
 * The reward endpoint: `POST /reward` with {"prompts": [...]} returns {"rewards", "details", "spend"};
 * `GET /health` returns the configuration. Request errors are 400 with {"error", "field"}; a budget stop
 * or cancellation is 503; anything else 500. Never throws out of the handler.
 */
export function rewardRequestHandler(
  ctx: RunContext,
  task: Task,
  service: RewardService,
  maxPrompts: number,
  counters: { requests: number; prompts: number },
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      if (req.method !== 'GET') throw new HttpError(405, 'use GET /health');
      send(res, 200, {
        status: 'ok',
        task: task.id,
        model: ctx.taskModel.id,
        subset: service.examples.map((e) => e.id),
        m: service.samples,
        runId: ctx.runId,
        remainingRollouts: ctx.engine.remainingRollouts(),
        spend: ctx.engine.spend(),
      });
      return;
    }
    if (path !== '/reward') throw new HttpError(404, `no route ${path}; use POST /reward or GET /health`);
    if (req.method !== 'POST') throw new HttpError(405, 'use POST /reward with {"prompts": [...]}');
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `body: not valid JSON: ${(error as Error).message}`, 'body');
    }
    const request = parseRewardRequest(body, maxPrompts);
    const response = await service.score(request.prompts);
    counters.requests++;
    counters.prompts += request.prompts.length;
    ctx.note(
      `reward: ${request.prompts.length} prompt(s) -> ${response.rewards.map((r) => r.toFixed(3)).join(', ')} ` +
        `(${response.spend.task.rollouts} task rollouts so far)`,
    );
    send(res, 200, response);
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        send(res, error.status, {
          error: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
        });
      } else if (error instanceof RewardRequestError) {
        send(res, 400, { error: error.message, field: error.field });
      } else if (error instanceof BudgetExhaustedError || error instanceof CancelledError) {
        send(res, 503, { error: error.message });
      } else {
        send(res, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
}

/**
 * `sepo serve-reward`: serves the reward of system prompts on a fixed example subset until SIGINT or
 * SIGTERM, through the run's engine (store, cache, budget). Prints the bound URL as the first stdout line.
 */
export async function serveRewardCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const outcome = await withRun(
    'serve-reward',
    parsed,
    config,
    async (ctx): Promise<ServeRewardSummary> => {
      const task = await prepareTaskFromOptions(ctx.options, ctx.engine);
      const examples = resolveSubset(task, ctx.options.requireString('subset'));
      const m = ctx.options.numberOrDefault('m');
      const maxPrompts = ctx.options.numberOrDefault('max-prompts');
      checkPlannedRollouts(
        maxPrompts * examples.length * m,
        `one request of --max-prompts x subset x M = ${maxPrompts} x ${examples.length} x ${m}`,
        '--max-prompts, --m or --subset',
      );
      const service = new RewardService(ctx.engine, task, examples, ctx.options.numberOrDefault('m'));
      const counters = { requests: 0, prompts: 0 };
      const server = createServer(
        rewardRequestHandler(ctx, task, service, ctx.options.numberOrDefault('max-prompts'), counters),
      );
      const host = ctx.options.stringOrDefault('host');
      const stopped = untilSignal();
      const address = await listen(server, ctx.options.numberOrDefault('port'), host);
      const url = urlOf(address);
      process.stdout.write(`${url}\n`);
      ctx.note(
        `serving rewards of ${task.id} on ${examples.map((e) => e.id).join(', ')} (M = ${service.samples}) at ${url}/reward; ` +
          'Ctrl-C or SIGTERM stops',
      );
      const signal = await stopped;
      ctx.note(`${signal}: closing the server`);
      await closeServer(server);
      return {
        runId: ctx.runId,
        url,
        requests: counters.requests,
        prompts: counters.prompts,
        spend: ctx.engine.spend(),
      };
    },
    SERVE_REWARD_OPTIONS,
  );
  const summary = outcome.result;
  if (summary === undefined) return 1;
  if (parsed.json === true) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `served ${summary.requests} request(s), ${summary.prompts} prompt(s)\n${spendText(summary.spend)}\nrun ${summary.runId}\n`,
    );
  }
  return 0;
}
