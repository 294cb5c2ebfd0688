// Who is signed in, and the sign-in actions. The password goes to main in the call and is never
// kept here; main answers with a status that carries no secret.
import { create } from 'zustand';
import type { SessionStatus, SignInInput } from '../../preload/api/session';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';

export type SessionTask = 'test' | 'sign-in' | 'demo' | 'sign-out';

interface SessionState {
  status?: SessionStatus;
  /** What is running now; the screen shows it and disables the buttons. */
  busy?: SessionTask;
  /** The last failure, as one sentence from main. */
  error?: string;
  /** The last connection test's good news. */
  notice?: string;
  load: () => Promise<void>;
  listen: () => () => void;
  testConnection: (input: SignInInput) => Promise<void>;
  signIn: (input: SignInInput) => Promise<void>;
  startDemo: () => Promise<void>;
  signOut: () => Promise<void>;
  clearMessages: () => void;
}

export const useSessionStore = create<SessionState>((set, get) => {
  async function run(task: SessionTask, action: () => Promise<SessionStatus | string>) {
    if (get().busy) return;
    set({ busy: task, error: undefined, notice: undefined });
    try {
      const result = await action();
      if (typeof result === 'string') set({ notice: result });
      else set({ status: result });
    } catch (error) {
      set({ error: sentence(error) });
    } finally {
      set({ busy: undefined });
    }
  }

  return {
    async load() {
      try {
        set({ status: await bridge().call('session.status', {}) });
      } catch (error) {
        set({ error: sentence(error) });
      }
    },
    listen() {
      return bridge().on('session.changed', (status) => set({ status }));
    },
    testConnection: (input) =>
      run('test', async () => (await bridge().call('session.testConnection', input)).message),
    signIn: (input) => run('sign-in', () => bridge().call('session.signIn', input)),
    startDemo: () => run('demo', () => bridge().call('session.startDemo', {})),
    signOut: () => run('sign-out', () => bridge().call('session.signOut', {})),
    clearMessages: () => set({ error: undefined, notice: undefined }),
  };
});
