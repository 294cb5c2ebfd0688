// Signing in as a station among many on one account: the token FeedAMP gives is never thrown
// away, a 429 is waited out, the token cap is named, http:// is refused, the list budget is
// shared with the syncs, and Sign out never waits for a server that drips its answer.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../preload/api/session';
import type { FeedampClient } from '../../../main/feedamp/client';
import { DEFAULT_BUDGETS } from '../../../main/feedamp/budgets';
import { RateBudget } from '../../../main/feedamp/rate-budget';
import { silentLogger, type Logger } from '../../../main/log';
import { StationError } from '../../../main/station/errors';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox/index';
import { feedampOrderSource } from '../../../main/station/orders/feedamp-source';
import { OrderStore } from '../../../main/station/orders/store';
import { OrderSync } from '../../../main/station/orders/sync';
import { ReturnStore } from '../../../main/station/returns/store';
import { feedampReturnSource } from '../../../main/station/returns/feedamp-source';
import { ReturnSync } from '../../../main/station/returns/sync';
import { SessionService, type SessionDeps } from '../../../main/station/session';
import { SettingsService } from '../../../main/station/settings';
import { Vault } from '../../../main/station/vault';
import { startScriptedServer, TOKEN_REPLY, type ScriptedServer } from '../feedamp/scripted-server';

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups = [];
});

function makeSession(
  onChange: SessionDeps['onChange'] = () => undefined,
  extra: Partial<SessionDeps> = {},
  log: Logger = silentLogger,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'session-'));
  const session = new SessionService({
    dataDir,
    vault: new Vault(dataDir),
    settings: new SettingsService(dataDir, log),
    log,
    startSandbox: () => Promise.reject(new Error('no demo here')),
    onChange,
    ...extra,
  });
  cleanups.push(() => session.close());
  return { session, dataDir };
}

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}) {
  const sb = await startSandbox({ orders: 50, ...options });
  cleanups.push(() => sb.close());
  return sb;
}

async function admin(sb: RunningSandbox, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sb.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return await res.json();
}

async function requests(sb: RunningSandbox) {
  const log = (await admin(sb, 'GET', '/requests')) as {
    requests: { at: string; method: string; path: string }[];
  };
  return log.requests;
}

const input = (sb: RunningSandbox) => ({
  baseUrl: sb.url,
  username: sb.credentials.user,
  password: sb.credentials.password,
  clientId: sb.credentials.client,
});

const tokenCalls = async (sb: RunningSandbox) =>
  (await requests(sb)).filter((r) => r.path === '/api/v1/get_token').length;

async function failure(work: Promise<unknown>): Promise<StationError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StationError);
  return error as StationError;
}

describe('https only', () => {
  it('refuses http://example.com at Test connection and Sign in, before sending anything', async () => {
    const { session } = makeSession();
    const details = { username: 'u', password: 'p', clientId: '1' };
    for (const attempt of [
      session.testConnection({ baseUrl: 'http://example.com', ...details }),
      session.signIn({ baseUrl: 'http://example.com', ...details }),
    ]) {
      const error = await failure(attempt);
      expect(error.message).toBe(
        'Packline sends your password with every call, so it only talks to FeedAMP over https:// (http:// is allowed for this computer only).',
      );
    }
    expect(session.status().signedIn).toBe(false);
  });

  it('allows http:// to this computer (the sandbox at 127.0.0.1)', async () => {
    const sb = await sandbox();
    const { session } = makeSession();
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(session.signIn(input(sb))).resolves.toMatchObject({ signedIn: true });
  });
});

describe('one token per station', () => {
  it('Test connection then Sign in asks FeedAMP for one token, not two', async () => {
    const sb = await sandbox();
    const { session } = makeSession();
    await session.testConnection(input(sb));
    await session.signIn(input(sb));
    expect(await tokenCalls(sb)).toBe(1);
  });

  it('waits out 429s during sign-in and fetches exactly one token', async () => {
    const sb = await sandbox();
    await admin(sb, 'POST', '/faults/queue', {
      match: '^GET /api/v2/orders$',
      action: 'rateLimit',
      times: 3,
    });
    const { session } = makeSession();
    await expect(session.signIn(input(sb))).resolves.toMatchObject({ signedIn: true });
    const log = await requests(sb);
    expect(log.filter((r) => r.path === '/api/v2/orders').length).toBe(4);
    expect(await tokenCalls(sb)).toBe(1);
  }, 20_000);

  it('waits out more 429s than the other calls would (one sign-in of ten stations met ten)', async () => {
    const sb = await sandbox();
    await admin(sb, 'POST', '/faults/queue', {
      match: '^GET /api/v2/orders$',
      action: 'rateLimit',
      times: 12,
    });
    // A fixed list budget, so the test waits FeedAMP's second per 429, not the halved pace.
    const { session } = makeSession(undefined, {
      clientOptions: { budgets: { list: { perSecond: 2 } } },
    });
    await expect(session.signIn(input(sb))).resolves.toMatchObject({ signedIn: true });
    expect((await requests(sb)).filter((r) => r.path === '/api/v2/orders').length).toBe(13);
    expect(await tokenCalls(sb)).toBe(1);
  }, 60_000);

  it('keeps the token of a sign-in that failed after get_token, and reuses it', async () => {
    const sb = await sandbox();
    await admin(sb, 'PUT', '/faults', {
      queue: [{ match: '^GET /api/v2/orders$', action: 'error', status: 503, times: 2 }],
    });
    const { session } = makeSession(undefined, { clientOptions: { retry: { maxAttempts: 2 } } });
    const error = await failure(session.signIn(input(sb)));
    expect(error.message).toBe('FeedAMP is having trouble (error 503) — try again in a minute.');
    await session.signIn(input(sb));
    expect(session.status().signedIn).toBe(true);
    expect(await tokenCalls(sb)).toBe(1);
  });

  it('says the account has no free token when FeedAMP refuses the 101st', async () => {
    const sb = await sandbox();
    const basic =
      'Basic ' +
      Buffer.from(`${sb.credentials.user}:${sb.credentials.password}`).toString('base64');
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${sb.url}/api/v1/get_token`, { headers: { authorization: basic } });
      expect(res.status).toBe(200);
    }
    const { session } = makeSession();
    const error = await failure(session.testConnection(input(sb)));
    expect(error.message).toBe(
      'FeedAMP has no free token for user demo: the account already holds all 100 it may have, and one frees up only when one of them expires — try again later, or ask whoever runs the FeedAMP account.',
    );
    // A wrong password still reads as one.
    const wrong = await failure(session.testConnection({ ...input(sb), password: 'nope' }));
    expect(wrong.message).toBe('FeedAMP refused the password for user demo — check Settings.');
  });
});

describe('the list budget is the account’s', () => {
  it('a connection test followed by both syncs sends at most 2 list requests a second', async () => {
    const sb = await sandbox({ orders: 900 });
    const dir = mkdtempSync(join(tmpdir(), 'session-sync-'));
    const orders = await OrderStore.open(dir, silentLogger);
    const returns = await ReturnStore.open(dir, silentLogger);
    cleanups.push(() => orders.close());
    cleanups.push(() => returns.close());
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    let client: FeedampClient | undefined;
    const settings = new SettingsService(dir, silentLogger);
    const orderSync = new OrderSync({
      store: orders,
      settings: () => settings.get(),
      source: () => client && feedampOrderSource(client),
      log,
    });
    const returnSync = new ReturnSync({
      store: returns,
      settings: () => settings.get().returns,
      source: () => client && feedampReturnSource(client),
      log,
    });
    cleanups.push(async () => (orderSync.stop(), returnSync.stop()));
    const { session } = makeSession(
      (_status: SessionStatus, c) => {
        client = c;
      },
      {},
      log,
    );
    await session.testConnection(input(sb));
    await session.signIn(input(sb));
    const [o, r] = await Promise.all([orderSync.syncNow(), returnSync.syncNow()]);
    expect(o.state).toBe('idle');
    expect(r.state).toBe('idle');
    expect(o.lastReport!.pages).toBeGreaterThanOrEqual(3);

    const at = (await requests(sb))
      .filter((q) => q.path === '/api/v2/orders' || q.path === '/api/v2/returns')
      .map((q) => Date.parse(q.at));
    expect(at.length).toBeGreaterThanOrEqual(6);
    // Any three list requests in a row span a second; the sandbox allows 100 ms for the
    // arrival jitter of a busy machine, and so does this check.
    for (let i = 2; i < at.length; i++) expect(at[i]! - at[i - 2]!).toBeGreaterThanOrEqual(900);
    expect(warnings).not.toContain('feedamp rate limited');
  }, 30_000);
});

describe("a station's turn on a shared account", () => {
  it('stations 1, 2 and 3 of 3 (Settings) send their list requests in turns that never meet', async () => {
    const server = await startScriptedServer((req) =>
      req.path === '/api/v1/get_token' ? TOKEN_REPLY('t1') : { status: 200, body: { orders: [] } },
    );
    cleanups.push(() => server.close());
    const start = Date.parse('2026-12-04T09:00:00Z');
    const sent: { station: number; at: number }[] = [];
    for (const station of [1, 2, 3]) {
      // Each station's clock, set alike by network time; the budget's waits pass at once on it.
      let t = start;
      const now = () => t;
      const sleep = async (ms: number) => void (t += Math.max(0, ms));
      // One list budget for the station's clients, as the account's is on the real clock.
      const list = new RateBudget(DEFAULT_BUDGETS.list, now, sleep);
      const clock = { now, sleep, budgets: { list } };
      server.setHandler((req) => {
        if (req.path === '/api/v1/get_token') return TOKEN_REPLY('t1');
        sent.push({ station, at: t });
        return { status: 200, body: { orders: [] } };
      });
      const settings = new SettingsService(mkdtempSync(join(tmpdir(), 'turn-')), silentLogger);
      settings.update({ stationsOnAccount: 3, stationNumber: station });
      let client: FeedampClient | undefined;
      const { session } = makeSession((_s, c) => (client = c), { settings, clientOptions: clock });
      await session.signIn({ baseUrl: server.url, username: 'u', password: 'p', clientId: '42' });
      await client!.listOrders({ limit: 1 });
      await client!.listOrders({ limit: 1 });
    }
    // Sign-in's one-order read and two pages, from each station.
    expect(sent.map((s) => s.station)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    for (const station of [1, 2, 3]) {
      const own = sent.filter((s) => s.station === station).map((s) => s.at);
      // One third of the account's 2 a second.
      for (let i = 1; i < own.length; i++)
        expect(own[i]! - own[i - 1]!).toBeGreaterThanOrEqual(1500);
    }
    // The account's requests together: never two in one slot (half a second).
    const all = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBeGreaterThanOrEqual(500);
  });
  it('the station that syncs for the warehouse uses the whole account; alone again, its turn', async () => {
    const sent: number[] = [];
    let t = Date.parse('2026-12-04T09:00:00Z');
    const server = await startScriptedServer((req) => {
      if (req.path === '/api/v1/get_token') return TOKEN_REPLY('t1');
      sent.push(t);
      return { status: 200, body: { orders: [] } };
    });
    cleanups.push(() => server.close());
    const now = () => t;
    const sleep = async (ms: number) => void (t += Math.max(0, ms));
    const list = new RateBudget(DEFAULT_BUDGETS.list, now, sleep);
    const settings = new SettingsService(mkdtempSync(join(tmpdir(), 'turn-')), silentLogger);
    settings.update({ stationsOnAccount: 10, stationNumber: 4 });
    let leader = false;
    let client: FeedampClient | undefined;
    const { session } = makeSession((_s, c) => (client = c), {
      settings,
      clientOptions: { now, sleep, budgets: { list } },
      syncsForWarehouse: () => leader,
    });
    await session.signIn({ baseUrl: server.url, username: 'u', password: 'p', clientId: '42' });
    const gaps = async () => {
      sent.length = 0;
      for (let i = 0; i < 3; i++) await client!.listOrders({ limit: 1 });
      return sent.slice(1).map((at, i) => at - sent[i]!);
    };
    // Station 4 of 10: every tenth slot of half a second.
    expect(Math.min(...(await gaps()))).toBeGreaterThanOrEqual(5_000);
    // Warehouse mode made it the station that syncs for everyone: the account's full rate.
    leader = true;
    session.followWarehouseRole();
    expect(Math.max(...(await gaps()))).toBeLessThan(600);
    // The database is gone and it works alone, beside the others: its turn again.
    leader = false;
    session.followWarehouseRole();
    expect(Math.min(...(await gaps()))).toBeGreaterThanOrEqual(5_000);
  });
  it('tells Settings when FeedAMP last asked the list requests to slow down, and the clock', async () => {
    let lists = 0;
    const server = await startScriptedServer((req) => {
      if (req.path === '/api/v1/get_token') return TOKEN_REPLY('t1');
      lists += 1;
      return lists === 2
        ? { status: 429, headers: { 'retry-after': '1' }, body: { error: 'Too many requests' } }
        : { status: 200, body: { orders: [] } };
    });
    cleanups.push(() => server.close());
    let client: FeedampClient | undefined;
    const { session } = makeSession((_s, c) => (client = c), {
      clientOptions: { retry: { baseDelayMs: 1, random: () => 0 } },
    });
    expect(session.sharing()).toEqual({ clock: { kind: 'unknown' } });
    await session.signIn({ baseUrl: server.url, username: 'u', password: 'p', clientId: '42' });
    expect(session.sharing().listRateLimitedAt).toBeUndefined();
    const before = Date.now();
    await client!.listOrders({ limit: 1 });
    const at = Date.parse(session.sharing().listRateLimitedAt!);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(session.sharing().clock.kind).not.toBe('unknown');
  });
});

describe('Sign out', () => {
  let server: ScriptedServer;

  it('returns promptly while a call is dripping its answer, and stops that call', async () => {
    let listCalls = 0;
    server = await startScriptedServer((req) => {
      if (req.path === '/api/v1/get_token') return TOKEN_REPLY('t1');
      listCalls += 1;
      // The sign-in's one-order read answers; the sync's first page then drips for minutes.
      if (listCalls === 1) return { status: 200, body: { orders: [] } };
      return { drip: JSON.stringify({ orders: [], pad: 'x'.repeat(2_000) }), everyMs: 200 };
    });
    cleanups.push(() => server.close());
    let client: FeedampClient | undefined;
    const { session } = makeSession((_s, c) => {
      client = c;
    });
    await session.signIn({
      baseUrl: server.url,
      username: 'pack1',
      password: 'pw',
      clientId: '42',
    });
    const page = client!.listOrders({ limit: 250 }).catch((e: unknown) => e);
    while (listCalls < 2) await new Promise((r) => setTimeout(r, 20));

    const t0 = Date.now();
    const status = await session.signOut();
    const elapsed = Date.now() - t0;
    expect(status.signedIn).toBe(false);
    expect(elapsed).toBeLessThan(1_000);
    const stopped = (await page) as Error;
    expect(stopped).toMatchObject({ code: 'aborted' });
  }, 15_000);
});
