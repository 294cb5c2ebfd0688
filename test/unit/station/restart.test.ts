// A restart with a saved sign-in: the station comes back signed in, with its orders, and syncs
// again without asking for the password. A change of the station's turn needs no restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/bridge/dispatch';
import { createCore, type Core } from '../../../main/core';
import { silentLogger } from '../../../main/log';
import { startSandbox } from '../../../main/sandbox/index';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function requestsSince(
  adminUrl: string,
  since: number,
): Promise<{ requests: { method: string; path: string; at: string }[]; last: number }> {
  const res = await fetch(`${adminUrl}/requests?since=${since}`);
  return (await res.json()) as {
    requests: { method: string; path: string; at: string }[];
    last: number;
  };
}

async function start(dataDir: string): Promise<Core> {
  const core = await createCore({
    info: { version: '0.1.0', mode: 'browser', dataDir },
    log: silentLogger,
    heartbeatMs: 60_000,
  });
  return core;
}

async function call<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const answer = await dispatch(core.handlers, method, input, silentLogger);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result as T;
}

/** Polls `orders.list` until it holds orders (the first sync, or the cache load at start). */
async function orderIds(core: Core): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const { orders } = await call<{ orders: { id: string }[] }>(core, 'orders.list', {});
    if (orders.length > 0) return orders.map((o) => o.id).sort();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no orders after 10 s');
}

/** A sandbox of 12 orders and a station, its data in a fresh folder, signed in to it. */
async function signedInStation() {
  const sandbox = await startSandbox({ orders: 12, seed: 5, listRateLimit: false });
  cleanups.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'packline-restart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const core = await start(dir);
  await call(core, 'session.signIn', {
    baseUrl: sandbox.url,
    username: 'demo',
    password: 'demo',
    clientId: '1001',
  });
  return { sandbox, dir, core };
}

describe('a restart with a saved sign-in', () => {
  it('comes back signed in as the same user, with the same orders, and syncs FeedAMP again', async () => {
    const { sandbox, dir, core: first } = await signedInStation();
    const before = await orderIds(first);
    await first.dispose();
    const { last } = await requestsSince(sandbox.adminUrl, 0);

    const again = await start(dir);
    cleanups.push(() => again.dispose());
    expect(await call(again, 'session.status')).toMatchObject({
      signedIn: true,
      username: 'demo',
      baseUrl: sandbox.url,
      demo: false,
    });
    expect(await orderIds(again)).toEqual(before);
    // Asked to sync, it lists FeedAMP's orders with the sign-in it kept.
    const status = await call<{ state: string; message?: string }>(again, 'sync.now');
    expect(status.state, status.message).toBe('idle');
    const after = (await requestsSince(sandbox.adminUrl, last)).requests;
    expect(after.some((r) => r.method === 'GET' && r.path === '/api/v2/orders')).toBe(true);
  });
});

describe("a change of this station's turn on a shared account", () => {
  it('applies at once: the syncs it restarts send list requests a third of the rate apart', async () => {
    const { sandbox, core } = await signedInStation();
    cleanups.push(() => core.dispose());
    await orderIds(core);
    const { last } = await requestsSince(sandbox.adminUrl, 0);

    await call(core, 'settings.update', { stationsOnAccount: 3, stationNumber: 2 });
    // The new client's syncs (orders and returns) list at once, in this station's turns only.
    let lists: number[] = [];
    for (let i = 0; i < 100 && lists.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      lists = (await requestsSince(sandbox.adminUrl, last)).requests
        .filter((r) => r.path === '/api/v2/orders' || r.path === '/api/v2/returns')
        .map((r) => Date.parse(r.at));
    }
    expect(lists.length).toBeGreaterThanOrEqual(2);
    // 1 of 3 of the account's 2 a second: 1.5 s apart (a lone station's are half a second).
    for (let i = 1; i < lists.length; i++) expect(lists[i]! - lists[i - 1]!).toBeGreaterThan(1_400);
  });
});
