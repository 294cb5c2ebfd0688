// The preload carries only the contract's methods: a page that asks it for any other ipc
// channel is refused before anything reaches main, and the built preload knows every method.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, type PacklineTransport } from '../../../preload/contract';
import { createPreloadTransport } from '../../../preload/transport';

function fakeIpc() {
  const ipc = {
    invoke: vi.fn(async (_channel: string, _input: unknown) => ({
      ok: true,
      result: { version: '0.1.0' },
    })),
    on: vi.fn(),
    removeListener: vi.fn(),
  };
  return ipc;
}

describe('the preload transport', () => {
  it('forwards a contract method to main', async () => {
    const ipc = fakeIpc();
    const transport = createPreloadTransport(ipc, METHOD_NAMES);
    await expect(transport.invoke('app.info', {})).resolves.toEqual({
      ok: true,
      result: { version: '0.1.0' },
    });
    expect(ipc.invoke).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses any other channel without touching ipc', async () => {
    const ipc = fakeIpc();
    const transport = createPreloadTransport(ipc, METHOD_NAMES);
    const invoke = transport.invoke as (m: unknown, i: unknown) => Promise<unknown>;
    for (const channel of [
      'ELECTRON_BROWSER_REQUIRE',
      'packline:event',
      '__proto__',
      'toString',
      '',
      42,
    ]) {
      await expect(invoke(channel, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the event asked for, and unsubscribes', () => {
    const ipc = fakeIpc();
    const transport = createPreloadTransport(ipc, METHOD_NAMES);
    const listener = vi.fn();
    const off = transport.on('updates.status', listener);
    const [[channel, wrapped]] = ipc.on.mock.calls as [[string, (...a: unknown[]) => void]];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    wrapped({}, 'outbox.counts', { queued: 1 });
    wrapped({}, 'updates.status', { state: 'off', current: '0.1.0' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ state: 'off', current: '0.1.0' });
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, wrapped);
  });

  it('as built: exposes one object that forwards every contract method and nothing else', async () => {
    // The bundle vitest's global setup built, run as Electron runs a sandboxed preload.
    const bundle = readFileSync('dist/preload/index.cjs', 'utf8');
    expect(bundle).not.toMatch(/zod|ZodError/);
    expect(bundle.length).toBeLessThan(20_000);
    const ipc = fakeIpc();
    const exposed = new Map<string, PacklineTransport>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: PacklineTransport) => exposed.set(key, api),
      },
      ipcRenderer: ipc,
    };
    runInNewContext(bundle, { require: (m: string) => (m === 'electron' ? electron : undefined) });
    expect([...exposed.keys()]).toEqual(['packline']);
    const api = exposed.get('packline')!;
    for (const name of METHOD_NAMES) await api.invoke(name, {});
    expect(ipc.invoke.mock.calls.map(([channel]) => channel)).toEqual(METHOD_NAMES);
    const refused = await (api.invoke as (m: string, i: unknown) => Promise<unknown>)(
      'app.quit',
      {},
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(ipc.invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });
});
