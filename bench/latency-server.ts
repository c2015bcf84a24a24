// A separate process serving the OpenAI-compatible test server, so the latency benchmark measures the
// engine and not a server sharing its event loop. Prints the base URL on its first line.
import { startOpenAICompatibleServer } from '../src/test-support/openai-compatible-server.js';

const delayMs = Number(process.argv[2] ?? '100');
const server = await startOpenAICompatibleServer({ delayMs });
process.stdout.write(`${server.baseURL}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
