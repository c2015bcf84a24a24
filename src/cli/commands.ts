import type { ConfigFile } from '../run/config-file.js';
import { AGENTS_OPTIONS, agentsCommand } from './commands/agents-command.js';
import { COMPARE_OPTIONS, compareCommand } from './commands/compare-command.js';
import { DIAGNOSE_OPTIONS, diagnoseCommand } from './commands/diagnose-command.js';
import { EVAL_OPTIONS, evalCommand } from './commands/eval-command.js';
import { OPTIMIZE_OPTIONS, optimizeCommand } from './commands/optimize-command.js';
import { PRETRAIN_OPTIONS, pretrainCommand } from './commands/pretrain-command.js';
import { REPORT_OPTIONS, reportCommand } from './commands/report-command.js';
import {
  EXPORT_OPTIONS,
  exportCommand,
  runsCommand,
  STORE_OPTIONS,
  showCommand,
} from './commands/runs-command.js';
import { SCORE_OPTIONS, scoreCommand } from './commands/score-command.js';
import { SERVE_REWARD_OPTIONS, serveRewardCommand } from './commands/serve-reward-command.js';
import { SERVE_SIM_OPTIONS, serveSimCommand } from './commands/serve-sim-command.js';
import { TASKS_OPTIONS, tasksCommand } from './commands/tasks-command.js';
import type { OptionDef, ParsedOptions } from './options.js';

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionDef[];
  readonly usesConfig: boolean;
  run(
    options: ParsedOptions,
    positionals: readonly string[],
    config: ConfigFile | undefined,
  ): Promise<number> | number;
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'optimize',
    summary: 'optimize the system prompt of a task (SePO by default) and report seed vs best on test',
    usage:
      'sepo optimize --task <task> --model <model> [--optimizer-model <model>] [--method sepo] [--budget n]',
    options: OPTIMIZE_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => optimizeCommand(options, config),
  },
  {
    name: 'compare',
    summary: 'run several methods under the same budget, splits and seeds; a table with paired statistics',
    usage:
      'sepo compare --task <task> --model <model> [--optimizer-model <model>] --methods sepo,gepa,textgrad,opro,metaspo,manual --budget <rollouts per method> [--seeds 5] [--json]',
    options: COMPARE_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => compareCommand(options, config),
  },
  {
    name: 'pretrain',
    summary: 'SePO stage 1: evolve the prompt agent on a pool of tasks, write agent.json',
    usage:
      'sepo pretrain --target <task> --pool <ids|auto> --model <model> [--optimizer-model <model>] [--out agent.json]',
    options: PRETRAIN_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => pretrainCommand(options, config),
  },
  {
    name: 'agents',
    summary:
      'list the pre-trained prompt agents in the agent cache (key, pool, optimizer model, date, improvement)',
    usage: 'sepo agents [--json]',
    options: AGENTS_OPTIONS,
    usesConfig: false,
    run: (options) => agentsCommand(options),
  },
  {
    name: 'eval',
    summary: 'evaluate a system prompt on a task: accuracy with a 95% CI, spend, failures',
    usage:
      'sepo eval --task <task> --model <model> [--prompt <text|@file>] [--split test] [--limit n] [--samples n]',
    options: EVAL_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => evalCommand(options, config),
  },
  {
    name: 'diagnose',
    summary: 'p1: is the task worth optimizing, how many samples, which examples to train on',
    usage:
      'sepo diagnose --task <task> --model <model> [--generator-model <model>] [--meta-prompt <text|@file> | --candidates <file>] [--n 16] [--m 32] [--k 2] [--json]\n       sepo diagnose --rewards <file> [--k 2] [--json]',
    options: DIAGNOSE_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => diagnoseCommand(options, config),
  },
  {
    name: 'serve-reward',
    summary: 'serve the reward of system prompts on an example subset over HTTP (for external RL)',
    usage:
      'sepo serve-reward --task <task> --model <model> --subset <ids> [--m 16] [--port 8787] [--host 127.0.0.1]',
    options: SERVE_REWARD_OPTIONS,
    usesConfig: true,
    run: (options, _positionals, config) => serveRewardCommand(options, config),
  },
  {
    name: 'serve-sim',
    summary:
      'serve a simulated world over the OpenAI chat-completions protocol, for any tool (GEPA, DSPy, promptfoo, ...)',
    usage: 'sepo serve-sim <world> [--port 8400] [--host 127.0.0.1] [--latency ms]',
    options: SERVE_SIM_OPTIONS,
    usesConfig: false,
    run: (options, positionals) => serveSimCommand(options, positionals),
  },
  {
    name: 'tasks',
    summary:
      'list the tasks: built-in datasets (sizes, splits, downloaded or not), simulated tasks, custom forms',
    usage: 'sepo tasks [--data-dir dir] [--json]',
    options: TASKS_OPTIONS,
    usesConfig: false,
    run: (options) => tasksCommand(options),
  },
  {
    name: 'score',
    summary: "score one response to one example with the task's scorer: score, extracted answer, feedback",
    usage: 'sepo score --task <task> --example <id> --response <text|@file> [--json]',
    options: SCORE_OPTIONS,
    usesConfig: false,
    run: (options) => scoreCommand(options),
  },
  {
    name: 'runs',
    summary: 'list the runs in the store',
    usage: 'sepo runs [--store dir] [--json]',
    options: STORE_OPTIONS,
    usesConfig: false,
    run: (options) => runsCommand(options),
  },
  {
    name: 'show',
    summary: 'show one run: configuration, status, spend, result',
    usage: 'sepo show <run> [--store dir] [--json]',
    options: STORE_OPTIONS,
    usesConfig: false,
    run: (options, positionals) => showCommand(options, positionals),
  },
  {
    name: 'report',
    summary: 'write the report of a run: one self-contained HTML file (or Markdown with --format md)',
    usage: 'sepo report [<run>] [--out report.html] [--format html|md] [--store dir]',
    options: REPORT_OPTIONS,
    usesConfig: false,
    run: (options, positionals) => reportCommand(options, positionals),
  },
  {
    name: 'export',
    summary: 'export the rollouts of a run as JSONL or CSV',
    usage: 'sepo export <run> --format jsonl|csv [--store dir]',
    options: EXPORT_OPTIONS,
    usesConfig: false,
    run: (options, positionals) => exportCommand(options, positionals),
  },
];
