// The composition root shared by both entries (electron.ts and host.ts): it builds the
// services main owns from what the entry knows, and hands back the handler table and bus.
// Only the transport around it differs between the two modes.
import type { AppInfo } from '../preload/contract';
import { createHandlers } from './bridge/handlers/index';
import type { Handlers } from './bridge/dispatch';
import { EventBus } from './bridge/events';
import { startHeartbeat } from './bridge/heartbeat';
import type { Logger } from './log';

export interface CoreOptions {
  info: AppInfo;
  log: Logger;
  heartbeatMs?: number;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const stopHeartbeat = startHeartbeat(bus, options.heartbeatMs ?? 5_000);
  const handlers = createHandlers({ info: options.info });
  return {
    handlers,
    bus,
    async dispose() {
      stopHeartbeat();
    },
  };
}
