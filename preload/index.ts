// Preload (context-isolated, sandboxed): exposes exactly one typed object, window.packline.
// No ipcRenderer, no Node: only the contract's methods and events pass.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL } from './channels';
import type { EventName, PacklineTransport, Reply } from './contract';

const transport: PacklineTransport = {
  // Main checks the sender, the method name and the input; the preload only carries them.
  async invoke(method, input) {
    return (await ipcRenderer.invoke(method, input)) as Reply<never>;
  },
  on(event, listener) {
    const wrapped = (_e: unknown, name: EventName, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('packline', transport);
