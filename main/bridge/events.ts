// A typed event bus: services in main publish contract events; each adapter forwards them to
// its renderer (webContents.send in Electron, Server-Sent Events in browser mode).
import type { EventName, EventPayload } from '../../preload/contract';

export type BusListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventBus {
  private readonly listeners = new Set<BusListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
