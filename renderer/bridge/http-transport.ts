// Browser mode's transport: bridge calls over fetch, events over one EventSource. The secret
// arrives once in the URL fragment (never sent to a server), moves to sessionStorage so a
// reload keeps working, and is wiped from the address bar.
//
// The secret is per launch: after the host restarts, this tab's secret is refused. A refusal
// after calls were accepted means exactly that, so the page says "Packline restarted" once
// instead of every screen failing in its own words; opening the address the new host printed
// in this same tab (only the fragment changes when the port is the same) brings the new secret.
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

function secretInHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('secret');
}

export function takeSecretFromUrl(): string {
  const fromHash = secretInHash();
  if (fromHash) {
    sessionStorage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return fromHash ?? sessionStorage.getItem(STORAGE_KEY) ?? '';
}

/**
 * A new `#secret=` opened in this tab (the printed address after a restart): keep it and load
 * the page again with it, so every screen starts over against the new host. Same secret: only
 * the address bar is cleaned.
 */
function watchForNewSecret(current: () => string, reload = () => location.reload()): void {
  window.addEventListener('hashchange', () => {
    const fresh = secretInHash();
    if (!fresh) return;
    const changed = fresh !== current();
    takeSecretFromUrl();
    if (changed) reload();
  });
}

type RestartListener = () => void;
const restartListeners = new Set<RestartListener>();
let restarted = false;

/** True once this tab's secret was refused after having worked: the host restarted. */
export function hostRestarted(): boolean {
  return restarted;
}

export function onHostRestarted(listener: RestartListener): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

function markRestarted(): void {
  if (restarted) return;
  restarted = true;
  for (const l of restartListeners) l();
}

type Listener = (payload: unknown) => void;

const RESTARTED = 'Packline restarted — reload this page.';

/** This tab's hold on the host: its secret, and whether the host ever took it. */
interface HostLink {
  readonly secret: string;
  /** A refusal before the secret worked is a wrong address, not a restart. */
  accepted: boolean;
}

function post(link: HostLink, method: string, body: string): Promise<Response> {
  return fetch(HTTP_CALL_PREFIX + encodeURIComponent(method), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: link.secret },
    body,
  });
}

function refused(res: Response): boolean {
  return res.status === 401 || res.status === 403;
}

/**
 * The event stream drops when the host stops; while it cannot reconnect, one cheap call tells
 * a host that is down (no answer) from one that restarted (this secret refused). Resolves
 * true when the host answered and took the secret.
 */
async function probe(link: HostLink): Promise<boolean> {
  try {
    const res = await post(link, 'app.info', '{}');
    if (refused(res)) {
      if (link.accepted) markRestarted();
      return false;
    }
    return res.ok;
  } catch {
    return false;
  }
}

async function invoke(link: HostLink, method: string, input: unknown): Promise<Reply<never>> {
  try {
    const res = await post(link, method, JSON.stringify(input));
    if (refused(res) && link.accepted) {
      markRestarted();
      return { ok: false, error: { code: 'FORBIDDEN', message: RESTARTED } };
    }
    if (!refused(res)) link.accepted = true;
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
}

export function createHttpTransport(secret: string): PacklineTransport {
  const listeners = new Map<EventName, Set<Listener>>();
  const link: HostLink = { secret, accepted: false };
  let source: EventSource | undefined;

  watchForNewSecret(() => secret);

  let probing: ReturnType<typeof setInterval> | undefined;
  const probeUntilKnown = () => {
    if (probing || !link.accepted) return;
    probing = setInterval(() => {
      void probe(link).then((answered) => {
        if (!answered && !restarted) return;
        clearInterval(probing);
        probing = undefined;
        // The same host answered after all: the stream it refused or dropped comes back.
        if (answered && source?.readyState === EventSource.CLOSED) connect();
      });
    }, 1_000);
  };

  const connect = () => {
    source?.close();
    source = new EventSource(`${HTTP_EVENTS_PATH}?${SECRET_QUERY}=${encodeURIComponent(secret)}`);
    source.addEventListener('open', () => {
      link.accepted = true;
    });
    source.addEventListener('error', probeUntilKnown);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };

  return {
    invoke: (method, input) => invoke(link, method, input),
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
