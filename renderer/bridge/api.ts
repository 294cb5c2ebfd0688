// The typed API screens use. It runs over Electron's preload object when present and over
// HTTP in browser mode, so no screen knows which transport carries it.
import {
  BridgeError,
  bridgeErrorSchema,
  events,
  methods,
  type PacklineApi,
  type PacklineTransport,
} from '../../preload/contract';
import { createHttpTransport, takeSecretFromUrl } from './http-transport';

declare global {
  interface Window {
    packline?: PacklineTransport;
  }
}

function createApi(transport: PacklineTransport): PacklineApi {
  return {
    async call(method, input) {
      const reply = await transport.invoke(method, input);
      if (!reply.ok) {
        const error = bridgeErrorSchema.safeParse(reply.error);
        throw error.success
          ? new BridgeError(error.data.code, error.data.message)
          : new BridgeError('INTERNAL', 'Packline sent an answer this page does not understand.');
      }
      // Parsed here too: what crosses a boundary is checked on arrival (no `any` in screens).
      return methods[method].result.parse(reply.result) as never;
    },
    on(event, listener) {
      return transport.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}

let current: { transport: PacklineTransport; api: PacklineApi } | undefined;

/**
 * The API over Electron's preload object, or else over HTTP (one transport per page). It follows
 * the preload object if that is ever replaced, as unit tests of the stores do.
 */
export function bridge(): PacklineApi {
  const transport =
    window.packline ?? current?.transport ?? createHttpTransport(takeSecretFromUrl());
  if (current?.transport !== transport) current = { transport, api: createApi(transport) };
  return current.api;
}
