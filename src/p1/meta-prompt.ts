import type { TaskInfo } from '../spec/task.js';
import { type PromptTemplates, requireTemplate } from '../templates/load-templates.js';
import { renderTemplate } from '../templates/render-template.js';

/** The tag a generator is asked to write its system prompt in ("between <prompt> and </prompt>"). */
export const GENERATED_PROMPT_TAG = 'prompt';

/**
 * The template a task's default meta-prompt comes from (docs/p1-method.md "Meta-prompts used"): the
 * AIME style for math, the IFBench style for instruction following, a plain one otherwise.
 */
export function metaPromptTemplateName(task: Pick<TaskInfo, 'kind'>): string {
  if (task.kind === 'math') return 'p1-meta-math';
  if (task.kind === 'instruction') return 'p1-meta-instruction';
  return 'p1-meta-general';
}

/** The default meta-prompt for a task: its kind's template filled with the task description. */
export function defaultMetaPrompt(task: TaskInfo, templates: PromptTemplates): string {
  const template = requireTemplate(templates, metaPromptTemplateName(task));
  return renderTemplate(template, { task_description: task.description.trim() });
}

/** The generator's own system prompt (the optimizer role's system message). */
export function generatorSystemPrompt(templates: PromptTemplates): string {
  return requireTemplate(templates, 'p1-generator-system');
}

/**
 * A user-supplied meta-prompt with the output convention appended when it does not already name the
 * <prompt> tag, so replies can be parsed the same way (a reply without the tag is used whole).
 */
export function withOutputConvention(metaPrompt: string): string {
  const text = metaPrompt.trim();
  if (text.includes(`<${GENERATED_PROMPT_TAG}>`)) return text;
  return `${text}\n\nGenerate the system prompt only, written between <${GENERATED_PROMPT_TAG}> and </${GENERATED_PROMPT_TAG}>.`;
}
