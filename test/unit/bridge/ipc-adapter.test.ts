import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../preload/contract';
import type { Handlers } from '../../../main/bridge/dispatch';
import { appHandlers } from '../../../main/bridge/handlers/app';
import { registerIpcBridge, type IpcMainLike } from '../../../main/bridge/ipc-adapter';
import { silentLogger } from '../../../main/log';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain implements IpcMainLike {
  readonly channels = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    this.channels.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.channels.delete(channel);
  }
  invoke(channel: string, senderUrl: string, input: unknown) {
    const event = {
      sender: { id: 1 },
      senderFrame: { url: senderUrl },
    } as unknown as IpcMainInvokeEvent;
    return this.channels.get(channel)!(event, input);
  }
}

const info = { version: '1.2.3', mode: 'electron' as const, dataDir: '/data' };
const trusted = 'file:///app/renderer/index.html';

function setup() {
  const ipc = new FakeIpcMain();
  const dispose = registerIpcBridge(ipc, {
    // Only app.info is exercised; every other channel is still registered from the contract.
    handlers: appHandlers(info) as Partial<Handlers> as Handlers,
    log: silentLogger,
    isTrustedSender: (e) => e.senderFrame?.url === trusted,
  });
  return { ipc, dispose };
}

describe('Electron ipc adapter', () => {
  it('registers a channel for every contract method and removes them all on dispose', () => {
    const { ipc, dispose } = setup();
    expect([...ipc.channels.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    dispose();
    expect(ipc.channels.size).toBe(0);
  });

  it('answers app.info for the app window', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke('app.info', trusted, {})).resolves.toEqual({ ok: true, result: info });
  });

  it('rejects bad input with a typed error naming the field', async () => {
    const { ipc } = setup();
    const reply = await ipc.invoke('app.info', trusted, { unexpected: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(reply)).toContain('unexpected');
  });

  it('refuses a deeply nested input from the app window with the same sentence as browser mode', async () => {
    const { ipc } = setup();
    let deep: unknown = {};
    for (let i = 0; i < 1_000; i++) deep = { deep };
    const reply = await ipc.invoke('app.info', trusted, deep);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'This request is nested more than 32 levels deep; Packline refused it.',
      },
    });
  });

  it('refuses a call from any other page without running the handler', async () => {
    const { ipc } = setup();
    const reply = await ipc.invoke('app.info', 'https://evil.example/', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(reply)).not.toContain('/data');
  });
});
