import { createServer } from 'node:http';
import { ConfigError } from '../../errors.js';
import { SIMULATED_BANNER } from '../../run/format.js';
import { DEFAULT_SIM_BODY_LIMIT, simRequestHandler } from '../../run/sim-http-server.js';
import { loadWorld } from '../../sim/load-world.js';
import type { OptionDef, ParsedOptions } from '../options.js';
import { closeServer, listen, untilSignal, urlOf } from '../serve-http.js';

export const SERVE_SIM_OPTIONS: readonly OptionDef[] = [
  {
    name: 'port',
    kind: 'int',
    min: 0,
    max: 65_535,
    description: 'port to listen on (default 8400; 0 picks a free port)',
  },
  {
    name: 'host',
    kind: 'string',
    description: 'address to bind (default 127.0.0.1; 0.0.0.0 exposes the server)',
  },
  {
    name: 'latency',
    kind: 'number',
    min: 0,
    max: 600_000,
    description: "simulated latency of each chat completion in ms (default: the world's, usually 0)",
  },
  {
    name: 'max-body',
    kind: 'int',
    min: 1024,
    max: 256 * 1024 * 1024,
    description: `largest request body in bytes (default ${DEFAULT_SIM_BODY_LIMIT}); larger gets 413`,
  },
  { name: 'quiet', kind: 'boolean', description: 'print only the URL' },
];

/**
 * `sepo serve-sim <world>`: the simulated world as an OpenAI-compatible server until SIGINT/SIGTERM.
 * Prints the base URL (`http://127.0.0.1:8400/v1`) as the first stdout line; what it serves on stderr.
 */
export async function serveSimCommand(
  parsed: ParsedOptions,
  positionals: readonly string[],
): Promise<number> {
  const [ref, ...extra] = positionals;
  if (ref === undefined)
    throw new ConfigError(
      '<world>',
      'name the world to serve, e.g. `sepo serve-sim demo` or `sepo serve-sim ./my-world.json`',
    );
  if (extra.length > 0) throw new ConfigError('<world>', `one world at a time; got also ${extra.join(' ')}`);
  const world = loadWorld(ref.startsWith('sim:') ? ref.slice('sim:'.length) : ref);
  const latency = typeof parsed.latency === 'number' ? parsed.latency : undefined;
  const maxBody = typeof parsed['max-body'] === 'number' ? parsed['max-body'] : undefined;
  const server = createServer(
    simRequestHandler({
      world,
      ...(latency === undefined ? {} : { latencyMs: latency }),
      ...(maxBody === undefined ? {} : { maxBodyBytes: maxBody }),
    }),
  );
  const host = typeof parsed.host === 'string' ? parsed.host : '127.0.0.1';
  const stopped = untilSignal();
  const address = await listen(server, typeof parsed.port === 'number' ? parsed.port : 8400, host);
  const url = `${urlOf(address)}/v1`;
  process.stdout.write(`${url}\n`);
  if (parsed.quiet !== true) {
    const tasks = world.tasks.filter((t) => t.generator !== undefined).map((t) => t.simId);
    process.stderr.write(
      [
        SIMULATED_BANNER,
        `serving the simulated world "${world.name}" at ${url} (OpenAI chat completions; model "${world.name}")`,
        `  e.g. sepo eval --task sim:${world.name} --model openai-compatible:${url}#${world.name}`,
        `  tasks: ${tasks.join(', ')} (GET ${url}/sim/tasks/<id>; POST ${url}/sim/score)`,
        'Ctrl-C or SIGTERM stops',
        '',
      ].join('\n'),
    );
  }
  await stopped;
  await closeServer(server);
  return 0;
}
