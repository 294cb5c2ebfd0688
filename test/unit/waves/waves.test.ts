import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWaveCode, waveCode } from '../../../common/wave-code';
import { silentLogger } from '../../../main/log';
import type { CachedOrder } from '../../../main/station/orders/cache';
import { classifyScan } from '../../../main/station/scan/classify';
import { StationError } from '../../../main/station/errors';
import {
  chooseItemFirst,
  nextCandidates,
  settleCurrent,
  unshippableReason,
  waveView,
  type ItemFirstCandidate,
  type WaveRecord,
} from '../../../main/station/waves/progress';
import { WaveStore } from '../../../main/station/waves/store';
import { cached, fakeStation } from './fakes';
import { BridgeError } from '../../../preload/contract';

const tempDir = () => mkdtempSync(join(tmpdir(), 'packline-waves-'));

function wave(ids: string[], patch: Partial<WaveRecord> = {}): WaveRecord {
  return {
    id: 14,
    createdAt: '2026-01-01T10:00:00.000Z',
    orders: ids.map((orderId) => ({ orderId, number: `M-${orderId}` })),
    packed: [],
    skipped: [],
    itemFirst: false,
    ...patch,
  };
}

describe('wave barcodes', () => {
  it('read as waves before anything else, and only with their prefix', () => {
    expect(waveCode(14)).toBe('PL-WAVE-14');
    expect(parseWaveCode(' pl-wave-14 ')).toBe(14);
    expect(parseWaveCode('PL-WAVE-')).toBeUndefined();
    expect(parseWaveCode('PL-WAVE-0')).toBeUndefined();
    expect(parseWaveCode('PL-CMD-SHIP')).toBeUndefined();
    expect(parseWaveCode('14')).toBeUndefined();
    const lookups = {
      // Even a station whose orders or items carry the same text reads the wave.
      findOrders: () => ['1'],
      findItemOnOrder: () => ['1-0'],
      isKnownItem: () => true,
    };
    expect(classifyScan('PL-WAVE-14', { openOrderId: '1' }, lookups)).toEqual({
      kind: 'wave',
      code: 'PL-WAVE-14',
      waveId: 14,
    });
    expect(classifyScan('PL-WAVEX', { openOrderId: null }, lookups).kind).toBe('order');
  });
});

describe('wave progress', () => {
  it('counts packed, skipped and left, in the pick list order', () => {
    const view = waveView(
      wave(['1', '2', '3', '4'], {
        packed: ['2'],
        skipped: [{ orderId: '3', reason: 'Cancelled by Amazon' }],
        current: '1',
      }),
    );
    expect(view.code).toBe('PL-WAVE-14');
    expect(view.orderCount).toBe(4);
    expect(view.packed).toEqual([{ orderId: '2', number: 'M-2' }]);
    expect(view.skipped).toEqual([{ orderId: '3', number: 'M-3', reason: 'Cancelled by Amazon' }]);
    expect(view.left.map((o) => o.orderId)).toEqual(['1', '4']);
    expect(view.currentOrderId).toBe('1');
  });

  it('goes on after the open order, comes back to orders put aside, the open one last', () => {
    expect(nextCandidates(wave(['1', '2', '3']))).toEqual(['1', '2', '3']);
    expect(nextCandidates(wave(['1', '2', '3', '4'], { current: '2' }))).toEqual([
      '3',
      '4',
      '1',
      '2',
    ]);
    const settled = settleCurrent(wave(['1', '2', '3'], { current: '2' }), true);
    expect(settled.packed).toEqual(['2']);
    expect(nextCandidates(settled)).toEqual(['3', '1']);
    // An order with units left is not counted as packed.
    expect(settleCurrent(wave(['1'], { current: '1' }), false).packed).toEqual([]);
  });

  it('says in words why an order can no longer ship', () => {
    const fine = {
      leftFilter: false,
      cancelledByMarketplace: false,
      marketplaceFulfilled: false,
      marketplace: 'Amazon',
    };
    const open = { complete: false };
    expect(unshippableReason(fine, open)).toBeUndefined();
    expect(unshippableReason({ ...fine, cancelledByMarketplace: true }, open)).toBe(
      'Cancelled by Amazon',
    );
    expect(unshippableReason({ ...fine, marketplaceFulfilled: true }, open)).toBe(
      'Fulfilled by Amazon — nothing to ship here',
    );
    expect(unshippableReason(fine, { complete: true })).toMatch(/^Nothing left to ship/);
    expect(unshippableReason({ ...fine, leftFilter: true }, open)).toMatch(/shipped elsewhere/);
    expect(unshippableReason(undefined, undefined)).toBe('No longer on this station');
  });
});

describe('choosing the item-first order', () => {
  const candidate = (
    id: string,
    shipBy: string | undefined,
    lines: [string, number][],
    matching: string[],
    extra: Partial<ItemFirstCandidate> = {},
  ): ItemFirstCandidate => ({
    id,
    shipBy,
    leftFilter: false,
    cancelledByMarketplace: false,
    marketplaceFulfilled: false,
    lines: lines.map(([lineId, left]) => ({ lineId, left })),
    matchingLineIds: matching,
    ...extra,
  });

  it('takes the oldest ship-by among orders needing exactly that one unit and nothing else', () => {
    const chosen = chooseItemFirst([
      candidate('10', '2026-01-05T00:00:00Z', [['a', 1]], ['a']),
      candidate('11', '2026-01-02T00:00:00Z', [['a', 2]], ['a']), // two units
      candidate(
        '12',
        '2026-01-01T00:00:00Z',
        [
          ['a', 1],
          ['b', 1],
        ],
        ['a'],
      ), // another line
      candidate('13', '2026-01-03T00:00:00Z', [['a', 1]], ['a']),
      candidate('14', '2026-01-01T00:00:00Z', [['b', 1]], ['a']), // the item is a done line
      candidate('15', undefined, [['a', 1]], ['a']), // no ship-by: last
      candidate('16', '2025-12-01T00:00:00Z', [['a', 1]], ['a'], { cancelledByMarketplace: true }),
      candidate('17', '2025-12-01T00:00:00Z', [['a', 1]], ['a'], { blocked: true }),
      // A line partly shipped already, one unit left: that is a single-item order now.
      candidate(
        '18',
        '2026-01-04T00:00:00Z',
        [
          ['a', 1],
          ['b', 0],
        ],
        ['a'],
      ),
    ]);
    expect(chosen.map((c) => c.id)).toEqual(['13', '18', '10', '15']);
  });
});

describe('the wave store', () => {
  it('keeps the wave in progress across a restart', async () => {
    const dir = tempDir();
    const store = await WaveStore.open(dir, silentLogger);
    const orders = ['1', '2', '3'].map((orderId) => ({ orderId, number: `M-${orderId}` }));
    const created = store.create(orders, new Date('2026-01-01T10:00:00Z'));
    expect(store.findOpen(['1', '2', '3'])?.id).toBe(created.id);
    expect(store.findOpen(['1', '3', '2'])).toBeUndefined();
    store.put(
      {
        ...created,
        packed: ['1'],
        skipped: [{ orderId: '2', reason: 'Cancelled by eBay' }],
        current: '3',
      },
      true,
    );
    await store.flush();

    const again = await WaveStore.open(dir, silentLogger);
    const active = again.active();
    expect(active?.id).toBe(created.id);
    expect(waveView(active!)).toMatchObject({
      packed: [{ orderId: '1' }],
      skipped: [{ orderId: '2', reason: 'Cancelled by eBay' }],
      left: [{ orderId: '3' }],
      currentOrderId: '3',
    });
    // The next pick list gets the next number.
    expect(again.create(orders.slice(0, 1), new Date()).id).toBe(created.id + 1);
  });

  it('starts with no waves, and says so in the log, when the file is damaged', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'waves.json'), '{"nextId": "x"');
    const warnings: string[] = [];
    const store = await WaveStore.open(dir, {
      ...silentLogger,
      warn: (m: string) => warnings.push(m),
    });
    expect(store.active()).toBeUndefined();
    expect(store.create([{ orderId: '1', number: '1' }], new Date()).id).toBe(1);
    expect(warnings).toHaveLength(1);
  });
});

describe('the wave service', () => {
  /** A station whose open path refuses the orders another bench holds, as a claim does. */
  const setup = (orders: CachedOrder[], claimed: string[] = []) =>
    fakeStation(orders, async (orderId) => {
      if (claimed.includes(orderId))
        throw new BridgeError(
          'BAD_INPUT',
          'Being packed at Station 3 by Ann since 10:42 — pick another order, or ask Ann to let it go.',
        );
    });
  it('opens the orders in the list order, counts each shipped one, and skips what cannot ship', async () => {
    const orders = ['1', '2', '3', '4'].map((id) => cached(id));
    const t = await setup(orders, ['3']);
    const { code } = t.print(['1', '2', '3', '4']);
    // Printing the same list again is the same wave.
    expect(t.print(['1', '2', '3', '4']).code).toBe(code);

    let step = await t.service.start(code);
    expect(step.orderId).toBe('1');
    expect(step.wave).toMatchObject({ packed: [], currentOrderId: '1' });

    t.complete.add('1');
    // The marketplace cancels order 2 while order 1 is packed.
    t.byId.set('2', cached('2', { normalized_marketplace_state: 'CANCELLED' }));
    step = await t.service.next(true);
    // 2 is cancelled and 3 is another station's: both skipped, with the reasons in words.
    expect(step.orderId).toBe('4');
    expect(step.wave?.packed.map((o) => o.number)).toEqual(['M-1']);
    expect(step.wave?.skipped).toEqual([
      { orderId: '2', number: 'M-2', reason: 'Cancelled by Amazon' },
      {
        orderId: '3',
        number: 'M-3',
        reason:
          'Being packed at Station 3 by Ann since 10:42 — pick another order, or ask Ann to let it go.',
      },
    ]);
    expect(t.opened).toEqual(['1', '4']);

    t.complete.add('4');
    step = await t.service.next(true);
    expect(step.orderId).toBeUndefined();
    expect(step.wave).toMatchObject({ left: [], orderCount: 4 });
    expect(step.wave?.packed).toHaveLength(2);

    const ended = await t.service.end();
    expect(ended.wave?.ended).toBe(true);
    expect(t.service.current()).toBeNull();
    await expect(t.service.start(code)).rejects.toThrow(/has ended/);
  });

  it('refuses a wave this station never printed, in a sentence', async () => {
    const t = await setup([cached('1')]);
    await expect(t.service.start('PL-WAVE-99')).rejects.toThrow(
      new StationError(
        'not_found',
        'Wave 99 is not on this station — print its pick list here, then scan it.',
      ),
    );
  });

  it('item first: the oldest single-item order needing the item, the next one when a claim refuses', async () => {
    const orders = [
      cached('1'), // ship-by the 11th
      cached('2'), // the 12th
      cached('3', { order_lines: [{ id: '30', sku: 'SKU-1', quantity: 1 }] }), // the 13th
      cached('4', { order_lines: [{ id: '40', sku: 'SKU-1', quantity: 1 }] }), // the 14th
      cached('5', { order_lines: [{ id: '50', sku: 'SKU-1', quantity: 2 }] }), // two units
    ];
    const t = await setup(orders, ['3']);
    // Oldest ship-by needing SKU-1: order 1.
    expect(await t.service.itemFirst('sku-1')).toEqual({ kind: 'opened', orderId: '1' });
    t.complete.add('1');
    // Order 3 is claimed by another bench: order 4 it is.
    expect(await t.service.itemFirst('SKU-1')).toEqual({ kind: 'opened', orderId: '4' });
    t.complete.add('4');
    expect(await t.service.itemFirst('SKU-1')).toEqual({
      kind: 'none',
      message:
        'Every single-item order needing SKU-1 on this station is being packed elsewhere — put it back.',
    });
    expect(await t.service.itemFirst('OTHER-9')).toEqual({ kind: 'not-item' });
  });

  it('item first reads the order from FeedAMP first: one the marketplace just cancelled is passed over', async () => {
    const mug = (id: string, patch = {}) =>
      cached(id, { order_lines: [{ id: `${id}0`, sku: 'MUG', quantity: 1 }], ...patch });
    const t = await fakeStation(
      [mug('1'), mug('2')],
      async () => undefined,
      (id) => (id === '1' ? mug('1', { normalized_marketplace_state: 'CANCELLED' }) : undefined),
    );
    expect(await t.service.itemFirst('MUG')).toEqual({ kind: 'opened', orderId: '2' });
    expect(t.opened).toEqual(['2']);
  });

  it('item first in a wave: only the wave’s orders, and the wave counts them', async () => {
    const orders = [
      cached('1', { order_lines: [{ id: '10', sku: 'MUG', quantity: 1 }] }),
      cached('2', { order_lines: [{ id: '20', sku: 'MUG', quantity: 1 }] }),
      cached('3', { order_lines: [{ id: '30', sku: 'MUG', quantity: 1 }] }),
    ];
    const t = await setup(orders);
    const { code } = t.print(['3', '2']);
    const started = await t.service.start(code, true);
    expect(started.orderId).toBeUndefined();
    expect(started.wave?.itemFirst).toBe(true);
    // Order 1 ships first by date but is not in the wave.
    expect(await t.service.itemFirst('MUG')).toEqual({ kind: 'opened', orderId: '2' });
    t.complete.add('2');
    expect((await t.service.next(false)).wave?.packed.map((o) => o.orderId)).toEqual(['2']);
    expect(await t.service.itemFirst('MUG')).toEqual({ kind: 'opened', orderId: '3' });
    t.complete.add('3');
    await t.service.next(false);
    expect(await t.service.itemFirst('MUG')).toEqual({
      kind: 'none',
      message: 'No single-item order in wave 1 needs MUG — put it back, or scan its order.',
    });
  });
});
