// The returns sync as a configuration of the one synced-record sync: a filter saved by an earlier
// version (comma-separated text) still works and does not start the cache over, a return that
// left the filter is marked and kept, and a 429 or a dropped network is said in returns' words.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, RateLimitedError } from '../../../main/feedamp/errors';
import type { ReturnsQuery } from '../../../main/feedamp/schemas';
import { silentLogger } from '../../../main/log';
import type { ReturnRecord } from '../../../main/station/returns/cache';
import { ReturnStore } from '../../../main/station/returns/store';
import { ReturnSync, type ReturnSource } from '../../../main/station/returns/sync';
import { SettingsService } from '../../../main/station/settings';

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const tmp = () => mkdtempSync(join(tmpdir(), 'returns-sync-'));

function ret(id: string, state = 'PENDING_AUTHORIZATION'): ReturnRecord {
  return { id, normalized_marketplace_state: state, return_type: 'SHIP' };
}

/** A source answering every query with `answer()`, recording the queries. */
function source(answer: () => ReturnRecord[] | Error) {
  const queries: ReturnsQuery[] = [];
  const src: ReturnSource = {
    async *pages(query) {
      queries.push(query);
      const records = answer();
      if (records instanceof Error) throw records;
      yield { records, rejected: [] };
    },
  };
  return { src, queries };
}

async function openStore(dir: string) {
  const store = await ReturnStore.open(dir, silentLogger);
  cleanups.push(() => store.close());
  return store;
}

describe('returns sync', () => {
  it('reads a comma-separated filter from an older settings file as a list and keeps syncing incrementally', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        returns: { normalizedStates: 'PENDING_AUTHORIZATION, AUTHORIZED', marketplaceStates: '' },
      }),
    );
    const settings = new SettingsService(dir, silentLogger);
    expect(settings.get().returns.normalizedStates).toEqual([
      'PENDING_AUTHORIZATION',
      'AUTHORIZED',
    ]);
    expect(settings.get().returns.marketplaceStates).toEqual([]);

    const store = await openStore(dir);
    // The cache as an earlier version left it, filled under the same filter written as text.
    await store.setMeta({
      firstSyncComplete: true,
      watermark: '2026-11-01T10:00:00Z',
      filterKey: JSON.stringify({
        s: ['AUTHORIZED', 'PENDING_AUTHORIZATION'],
        m: [],
        t: '',
        d: 60,
      }),
    });
    const { src, queries } = source(() => [ret('1')]);
    const sync = new ReturnSync({
      store,
      settings: () => settings.get().returns,
      source: () => src,
      log: silentLogger,
    });
    expect((await sync.syncNow()).state).toBe('idle');
    expect(queries[0]).toMatchObject({
      marketplace_state_changed_after: '2026-11-01T09:58:00+00:00',
    });
    expect(queries[0]?.normalized_marketplace_state).toBeUndefined();
  });

  it('asks for the chosen states on the first sync and marks, not drops, a return that left them', async () => {
    const store = await openStore(tmp());
    let answer = [ret('1'), ret('2')];
    const { src, queries } = source(() => answer);
    const sync = new ReturnSync({
      store,
      settings: () => ({
        normalizedStates: ['PENDING_AUTHORIZATION'],
        marketplaceStates: [],
        returnType: '',
        importedWithinDays: 60,
      }),
      source: () => src,
      log: silentLogger,
    });
    const first = await sync.syncNow();
    expect(first).toMatchObject({ state: 'idle', cachedReturns: 2 });
    expect(queries[0]).toMatchObject({
      normalized_marketplace_state: 'PENDING_AUTHORIZATION',
      include_order: true,
    });
    answer = [ret('2', 'REFUNDED')];
    await sync.syncNow();
    expect(store.size).toBe(2);
    expect(store.get('2')?.leftFilterAt).toBeDefined();
    expect(store.get('2')?.ret.normalized_marketplace_state).toBe('REFUNDED');
    expect(store.get('1')?.leftFilterAt).toBeUndefined();
  });

  it('says a 429 wait and an offline FeedAMP in returns’ words', async () => {
    const store = await openStore(tmp());
    const filter = () => ({
      normalizedStates: [],
      marketplaceStates: [],
      returnType: '' as const,
      importedWithinDays: 60,
    });
    const offline = new ReturnSync({
      store,
      settings: filter,
      source: () => source(() => new NetworkError()).src,
      log: silentLogger,
    });
    expect(await offline.syncNow()).toMatchObject({
      state: 'offline',
      online: false,
      message: 'Offline — showing the returns synced last; will try again.',
    });
    const limited = new ReturnSync({
      store,
      settings: filter,
      source: () => source(() => new RateLimitedError(4_000)).src,
      log: silentLogger,
      random: () => 0,
      spread: { slowdown: () => 1 },
    });
    limited.start();
    await vi.waitFor(() => expect(limited.status().state).toBe('error'));
    limited.stop();
    expect(limited.status().message).toBe(
      'FeedAMP asked Packline to slow down — the next returns sync starts in 4 s.',
    );
  });
});
