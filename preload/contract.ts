// The one bridge contract between the renderer and main. Every method and event is declared
// here once, with its zod schemas; the Electron (ipc) adapter, the browser-mode (http)
// adapter, the preload script and the renderer's client are all derived from this table.
// Adding a method is one entry in preload/api/<domain>.ts and one handler in
// main/bridge/handlers/<domain>.ts.
import { z } from 'zod';
import { appEvents, appMethods } from './api/app';
import { itemCodesMethods } from './api/item-codes';
import { ordersEvents, ordersMethods } from './api/orders';
import { outboxEvents, outboxMethods } from './api/outbox';
import { packEvents, packMethods } from './api/pack';
import { printingEvents, printingMethods } from './api/printing';
import { returnsEvents, returnsMethods } from './api/returns';
import { sessionEvents, sessionMethods } from './api/session';
import { settingsEvents, settingsMethods } from './api/settings';
import { statsMethods } from './api/stats';
import { supportMethods } from './api/support';
import { updatesEvents, updatesMethods } from './api/updates';
import { warehouseEvents, warehouseMethods } from './api/warehouse';
import { wavesEvents, wavesMethods } from './api/waves';

export type { AppInfo } from './api/app';

/** Error codes a bridge call can fail with, serialised as `{ code, message }`. */
const ERROR_CODES = [
  'BAD_INPUT', // the input did not match the method's schema
  'UNKNOWN_METHOD', // no such method in this contract
  'FORBIDDEN', // the caller is not the app's own page (secret, origin or sender check failed)
  'INTERNAL', // a bug in Packline; details are in the log, never on screen
  'NOT_SIGNED_IN', // the action needs a FeedAMP account and there is none
  'NOT_FOUND', // the order (or other record) is not in this station's cache
  'FEEDAMP', // FeedAMP refused or could not be reached; the message says which and what to do
  'STORAGE', // the data folder refused a write (disk full, read-only); nothing was saved
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const bridgeErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type BridgeErrorBody = z.infer<typeof bridgeErrorSchema>;

/** An error with a code for the program and one sentence for the person reading it. */
export class BridgeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
  toJSON(): BridgeErrorBody {
    return { code: this.code, message: this.message };
  }
}

// Each domain declares its methods and events in preload/api/<domain>.ts; this table joins them.
export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...sessionMethods,
  ...ordersMethods,
  ...outboxMethods,
  ...packMethods,
  ...printingMethods,
  ...supportMethods,
  ...updatesMethods,
  ...returnsMethods,
  ...warehouseMethods,
  ...statsMethods,
  ...itemCodesMethods,
  ...wavesMethods,
} as const;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...sessionEvents,
  ...ordersEvents,
  ...outboxEvents,
  ...packEvents,
  ...printingEvents,
  ...returnsEvents,
  ...updatesEvents,
  ...warehouseEvents,
  ...wavesEvents,
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
/** What a caller passes (before parsing) and what a handler receives (after parsing). */
type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<(typeof methods)[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

/** Every call's answer on the wire: errors travel as values, so no transport mangles them. */
export type Reply<R> = { ok: true; result: R } | { ok: false; error: BridgeErrorBody };

/**
 * What a transport carries: `window.packline` in Electron (errors come back as values, since
 * contextBridge keeps only an Error's message), or the HTTP client in browser mode.
 */
export interface PacklineTransport {
  invoke: <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ) => Promise<Reply<MethodResult<M>>>;
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
}

/** The typed API screens use, built over either transport (renderer/bridge). */
export interface PacklineApi {
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodResult<M>>;
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
}

export * from './channels';
