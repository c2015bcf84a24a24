// Importing this module registers every built-in task (each file under builtin/ registers itself).
// Add an import line here for each new built-in task module.
import './aime-tasks.js';
import './arc.js';
import './gpqa.js';
import './gsm8k-task.js';
import './hmmt-task.js';
import './ifbench.js';
import './ifeval.js';
import './math500-task.js';
import './mbpp.js';
import './sudoku.js';
import './sudoku-bench.js';
