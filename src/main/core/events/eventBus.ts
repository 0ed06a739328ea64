import type { EventName, EventPayload } from '../../../shared/contract.js';
import type { Logger } from '../../../shared/log.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans core events out to the hosts; one failing listener never stops the others. */
export interface EventBus {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  on(listener: EventListener): () => void;
  clear(): void;
}

export function createEventBus(log: Logger): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          log.error('event listener failed', { event: name, error: String(error) });
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
