// A stand-in for main behind the page's bridge: each method answers as the test says (a value,
// or a thrown BridgeError-like refusal), and every call is written down. Installed as the
// preload object the stores reach through bridge().
import { afterEach, beforeEach } from 'vitest';
import type { ErrorCode, PacklineTransport } from '../../../preload/contract';

type Answer = (input: unknown) => unknown;

/** Main refused the call with this code and sentence. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeMain {
  /** method → how main answers it; a method not listed is refused as unknown. */
  answers: Record<string, Answer>;
  calls: { method: string; input: unknown }[];
  /** Main sends an event to the page's listeners. */
  emit: (event: string, payload: unknown) => void;
}

/** Installs a fresh fake main before each test of the file and removes it after. */
export function fakeMain(): FakeMain {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const main: FakeMain = {
    answers: {},
    calls: [],
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
  const transport: PacklineTransport = {
    async invoke(method, input) {
      main.calls.push({ method, input });
      const answer = main.answers[method];
      if (!answer) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } };
      try {
        return { ok: true, result: (await answer(input)) as never };
      } catch (error) {
        if (error instanceof Refusal)
          return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const added = listener as (payload: unknown) => void;
      set.add(added);
      return () => set.delete(added);
    },
  };
  const g = globalThis as { window?: unknown };
  let before: unknown;
  beforeEach(() => {
    main.answers = {};
    main.calls = [];
    before = g.window;
    g.window = { packline: transport };
  });
  afterEach(() => {
    if (before === undefined) delete g.window;
    else g.window = before;
  });
  return main;
}

export function refuse(code: ErrorCode, message: string): Answer {
  return () => {
    throw new Refusal(code, message);
  };
}
