import type { EventListener, SepoEvent } from '../spec/events.js';

/** A minimal typed event bus. Listeners run synchronously; a throwing listener does not stop others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SepoEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken observer must not break the run.
      }
    }
  }
}
