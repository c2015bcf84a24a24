import { SepoError } from '../errors.js';
import { validateJsonSchema } from '../util/json-schema.js';
import { compileMatcher, patternSource } from './text-match.js';
import { WORLD_DEFAULTS } from './world-defaults.js';
import type { BehaviourSpec, ConflictSpec, WorldFile } from './world-file.js';
import { WORLD_SCHEMA } from './world-schema.js';

/** A world file is invalid. The message names the file and the field path: `world.json: tasks[1].x: ...`. */
export class WorldFileError extends SepoError {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path}: ${detail}`);
  }
}

/** Parses world-file text (JSON). `file` names the source in errors. */
export function parseWorldText(text: string, file: string): WorldFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WorldFileError(file, '(root)', `invalid JSON: ${(error as Error).message}`);
  }
  return parseWorld(raw, file);
}

/**
 * Validates a parsed world file against WORLD_SCHEMA, then checks cross-references: unique ids, known
 * behaviours in effects/conflicts/format, regex patterns compile, source fields match the source kind,
 * filler sentences match no behaviour. Throws WorldFileError at the first problem.
 */
export function parseWorld(raw: unknown, file: string): WorldFile {
  const violation = validateJsonSchema(raw, WORLD_SCHEMA);
  if (violation !== undefined) throw new WorldFileError(file, violation.path, violation.detail);
  const world = raw as WorldFile;
  const fail = (path: string, detail: string): never => {
    throw new WorldFileError(file, path, detail);
  };

  const checkAtoms = (atoms: readonly BehaviourSpec[], field: string, taken: Set<string>): void => {
    atoms.forEach((b, i) => {
      if (taken.has(b.id)) fail(`${field}[${i}].id`, `duplicate id "${b.id}"`);
      taken.add(b.id);
      (b.patterns ?? []).forEach((p, j) => {
        try {
          patternSource(p);
        } catch (error) {
          fail(`${field}[${i}].patterns[${j}]`, `invalid regular expression: ${(error as Error).message}`);
        }
      });
    });
  };
  const ids = new Set<string>();
  checkAtoms(world.behaviours, 'behaviours', ids);
  const behaviourIds = new Set(ids);
  checkAtoms(world.metaBehaviours ?? [], 'metaBehaviours', ids);
  const known = (): string => [...behaviourIds].join(', ');

  const checkConflicts = (conflicts: readonly ConflictSpec[] | undefined, field: string): void => {
    (conflicts ?? []).forEach((c, i) => {
      c.between.forEach((id, j) => {
        if (!behaviourIds.has(id))
          fail(`${field}[${i}].between[${j}]`, `unknown behaviour "${id}"; known: ${known()}`);
      });
      if (c.between[0] === c.between[1])
        fail(`${field}[${i}].between`, 'a behaviour cannot conflict with itself');
    });
  };
  checkConflicts(world.conflicts, 'conflicts');

  const taskIds = new Set<string>();
  world.tasks.forEach((t, i) => {
    const at = `tasks[${i}]`;
    if (taskIds.has(t.id)) fail(`${at}.id`, `duplicate task id "${t.id}"`);
    taskIds.add(t.id);
    const src = t.source as { kind: string; generator?: string; taskId?: string };
    if (src.kind === 'synthetic') {
      if (src.generator === undefined)
        fail(`${at}.source.generator`, 'missing required field (synthetic source)');
      if (src.taskId !== undefined) fail(`${at}.source.taskId`, 'only external sources name a taskId');
      if (t.answerTemplate !== undefined) {
        fail(`${at}.answerTemplate`, "synthetic tasks always answer with 'Answer: <value>'");
      }
    } else {
      if (src.taskId === undefined) fail(`${at}.source.taskId`, 'missing required field (external source)');
      if (src.generator !== undefined)
        fail(`${at}.source.generator`, 'only synthetic sources name a generator');
      if (t.splits !== undefined) fail(`${at}.splits`, 'external tasks bring their own splits');
    }
    for (const id of Object.keys(t.behaviourEffects ?? {})) {
      if (!behaviourIds.has(id)) fail(`${at}.behaviourEffects.${id}`, `unknown behaviour; known: ${known()}`);
    }
    checkConflicts(t.conflicts, `${at}.conflicts`);
    if (t.format !== undefined && !behaviourIds.has(t.format.behaviour)) {
      fail(`${at}.format.behaviour`, `unknown behaviour "${t.format.behaviour}"; known: ${known()}`);
    }
  });
  if (world.defaultTask !== undefined && !taskIds.has(world.defaultTask)) {
    fail('defaultTask', `unknown task "${world.defaultTask}"; known: ${[...taskIds].join(', ')}`);
  }

  // Fillers pad prompts; one that matched a behaviour would silently change what a prompt does.
  const matchers = [...world.behaviours, ...(world.metaBehaviours ?? [])].map((b) => ({
    id: b.id,
    re: compileMatcher(b.phrase, b.patterns),
  }));
  const fillers = world.promptAgent?.fillers ?? WORLD_DEFAULTS.promptAgent.fillers;
  fillers.forEach((f, i) => {
    const hit = matchers.find((m) => m.re.test(f));
    if (hit !== undefined)
      fail(`promptAgent.fillers[${i}]`, `matches behaviour "${hit.id}"; fillers must be neutral`);
  });
  const preambles = [
    world.promptAgent?.preamble ?? WORLD_DEFAULTS.promptAgent.preamble,
    world.promptAgent?.agentPreamble ?? WORLD_DEFAULTS.promptAgent.agentPreamble,
  ];
  preambles.forEach((p, i) => {
    const hit = matchers.find((m) => m.re.test(p));
    if (hit !== undefined) {
      const field = i === 0 ? 'promptAgent.preamble' : 'promptAgent.agentPreamble';
      fail(field, `matches behaviour "${hit.id}"; a preamble must be neutral`);
    }
  });
  return world;
}
