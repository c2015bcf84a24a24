import { RunStore } from './src/store/index.js';
import { writeReport } from './src/report/index.js';
const s = RunStore.open(process.argv[2] ?? '/tmp/rep');
const run = s.latestRun()!;
console.log(writeReport(s, run.id, (process.argv[3] ?? '/tmp/rep/out') + '.html'));
console.log(writeReport(s, run.id, (process.argv[3] ?? '/tmp/rep/out') + '.md', 'md'));
