// Preload (context-isolated, sandboxed): exposes exactly one typed object, window.packline.
// No ipcRenderer, no Node: only the contract's methods and events pass.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadTransport } from './transport';

/** The contract's method names, put in at build time by scripts/build-main.mjs (no zod here). */
declare const PACKLINE_METHOD_NAMES: readonly string[];

contextBridge.exposeInMainWorld(
  'packline',
  createPreloadTransport(ipcRenderer, PACKLINE_METHOD_NAMES),
);
