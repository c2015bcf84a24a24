import type { Task } from '../spec/task.js';
import type { SimWorld } from './sim-world.js';

/**
 * Attaches a real task (from the tasks layer) to the world tasks declared as
 * `"source": {"kind": "external", "taskId": task.id}`: its examples get per-example parameters by id
 * and its user messages are recognised as task calls. Returns the sim ids attached; throws SepoError
 * listing the world's external task ids when none matches.
 */
export function attachTask(world: SimWorld, task: Task): string[] {
  return world.attach(task);
}
