// Browser mode's transport: bridge calls over fetch, events over one EventSource. The secret
// arrives once in the URL fragment (never sent to a server), moves to sessionStorage so a
// reload keeps working, and is wiped from the address bar.
import {
  EVENT_NAMES,
  HTTP_CALL_PREFIX,
  HTTP_EVENTS_PATH,
  SECRET_HEADER,
  SECRET_QUERY,
  type EventName,
  type EventPayload,
  type PacklineTransport,
  type Reply,
} from '../../preload/contract';

const STORAGE_KEY = 'packline.secret';

export function takeSecretFromUrl(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('secret');
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return fromHash ?? sessionStorage.getItem(STORAGE_KEY) ?? '';
}

type Listener = (payload: unknown) => void;

export function createHttpTransport(secret: string): PacklineTransport {
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | undefined;

  const connect = () => {
    source = new EventSource(`${HTTP_EVENTS_PATH}?${SECRET_QUERY}=${encodeURIComponent(secret)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };

  return {
    async invoke(method, input) {
      try {
        const res = await fetch(HTTP_CALL_PREFIX + encodeURIComponent(method), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
          body: JSON.stringify(input),
        });
        return (await res.json()) as Reply<never>;
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Packline stopped answering; restart it and reload this page.',
          },
        };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!source) connect();
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
