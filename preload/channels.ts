// Transport names, kept free of imports so the preload bundle stays tiny (no zod in it).
/** Electron: one invoke channel per method (the method name) and this one event channel. */
export const IPC_EVENT_CHANNEL = 'packline:event';

/** Browser mode: paths and the header carrying the per-launch secret. */
export const HTTP_CALL_PREFIX = '/bridge/call/';
export const HTTP_EVENTS_PATH = '/bridge/events';
export const SECRET_HEADER = 'x-packline-secret';
export const SECRET_QUERY = 'secret';
