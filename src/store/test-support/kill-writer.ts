/**
 * Child process for the crash test: opens the run store in argv[2], then records rollouts and run-log
 * completions for run argv[3] forever, printing the count every 1,000 so the parent can kill it with
 * SIGKILL mid-write. Run with `node --import tsx`.
 */
import { RunStore } from '../run-store.js';
import { makeCompletion, makeRollout, rolloutMeta } from './fixtures.js';

const [dir, runId] = process.argv.slice(2);
if (dir === undefined || runId === undefined) throw new Error('usage: kill-writer <dir> <runId>');
const store = RunStore.open(dir);
const sink = store.rolloutSink(runId);
const log = store.completions(runId);
// Bounded so a child the parent failed to kill still ends.
for (let i = 0; i < 5_000_000; i++) {
  sink.record(makeRollout(i), rolloutMeta(i));
  log.putInRun(`k${i}`, 'task', makeCompletion(i));
  if (i % 1000 === 0) process.stdout.write(`${i}\n`);
}
store.close();
