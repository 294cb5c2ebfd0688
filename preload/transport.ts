// The transport the preload exposes as window.packline, over ipcRenderer. Main checks the
// sender, the method and the input on every call; the preload also refuses any channel that is
// not a contract method, so a compromised page cannot reach some other ipc handler through it.
import { IPC_EVENT_CHANNEL } from './channels';
import type { PacklineTransport, Reply } from './contract';

/** The part of ipcRenderer the transport uses (tests pass a fake). */
export interface IpcRendererLike {
  invoke: (channel: string, ...args: unknown[]) => Promise<unknown>;
  on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => unknown;
  removeListener: (
    channel: string,
    listener: (event: unknown, ...args: unknown[]) => void,
  ) => unknown;
}

export function createPreloadTransport(
  ipc: IpcRendererLike,
  methodNames: readonly string[],
): PacklineTransport {
  const allowed = new Set(methodNames);
  return {
    async invoke(method, input) {
      if (typeof method !== 'string' || !allowed.has(method)) {
        return {
          ok: false,
          error: {
            code: 'UNKNOWN_METHOD',
            message: `No such action: ${String(method).slice(0, 100)}`,
          },
        };
      }
      return (await ipc.invoke(method, input)) as Reply<never>;
    },
    on(event, listener) {
      const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) (listener as (p: unknown) => void)(payload);
      };
      ipc.on(IPC_EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, wrapped);
      };
    },
  };
}
