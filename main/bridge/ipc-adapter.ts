// Electron transport: one ipcMain.handle channel per contract method. Every call's sender is
// checked before its input is even parsed; replies are values ({ ok, result | error }).
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, type Reply } from '../../preload/contract';
import type { Logger } from '../log';
import { dispatch, type Handlers } from './dispatch';
import type { EventBus } from './events';

/** The part of Electron's ipcMain this adapter uses (tests pass a fake). */
export interface IpcMainLike {
  handle: (
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown,
  ) => void;
  removeHandler: (channel: string) => void;
}

export interface IpcBridgeOptions {
  handlers: Handlers;
  log: Logger;
  /** True only for the app's own window and page (see main/electron.ts). */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

export function registerIpcBridge(ipcMain: IpcMainLike, options: IpcBridgeOptions): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, input): Promise<Reply<unknown>> => {
      if (!options.isTrustedSender(event)) {
        options.log.warn('ipc call refused from untrusted sender', {
          method,
          url: event.senderFrame?.url,
        });
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'This window may not use Packline.' },
        };
      }
      return dispatch(options.handlers, method, input, options.log);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(method);
  };
}

/** The part of webContents used to push events. */
export interface EventTarget {
  send: (channel: string, ...args: unknown[]) => void;
  isDestroyed: () => boolean;
}

export function forwardEventsToWindow(bus: EventBus, target: EventTarget): () => void {
  return bus.subscribe((event, payload) => {
    if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event, payload);
  });
}
