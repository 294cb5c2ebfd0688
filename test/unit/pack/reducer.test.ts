import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/api/orders';
import type { PackState, ScanResult } from '../../../preload/api/pack';
import {
  COMMANDS,
  INITIAL,
  packReducer,
  type PackData,
  type PackEffect,
  type PackEvent,
} from '../../../renderer/pack/reducer';

// The Pack screen's rules as a table: each row is what happened at the bench (the packer's scans
// and keys, and main's answers to the calls they led to), and what the screen must then hold, say
// and do. Effects are compared whole, so a missing sound or an extra call fails the row.

const ORDER: OrderView = {
  id: '5001',
  marketplace: 'Amazon',
  lineCount: 2,
  unitCount: 3,
  skus: ['MUG', 'TEE'],
  names: ['Mug', 'T-shirt'],
  leftFilter: false,
  cancelledByMarketplace: false,
  lines: [
    { id: '11', sku: 'MUG', name: 'Mug', quantity: 2, codes: [] },
    { id: '12', sku: 'TEE', name: 'T-shirt', quantity: 1, codes: ['036000291452'] },
  ],
};

/** Progress with `left` units of MUG and TEE (nothing shipped elsewhere unless less is left). */
function progress(mug: number, tee: number, extra: Partial<PackState> = {}): PackState {
  const line = (lineId: string, ordered: number, left: number) => ({
    lineId,
    ordered,
    shipped: ordered - left,
    cancelled: 0,
    queued: 0,
    left,
    excess: 0,
  });
  return {
    orderId: '5001',
    lines: [line('11', 2, mug), line('12', 1, tee)],
    records: [],
    complete: mug + tee === 0,
    ...extra,
  };
}

const UPS = '1Z999AA10123456784';
const opened = (state: PackState): PackEvent[] => [
  { type: 'open', orderId: '5001' },
  { type: 'opened', orderId: '5001', order: ORDER, state },
];
const answer = (code: string, result: ScanResult, shipOnLastScan = false): PackEvent[] => [
  { type: 'scan', code },
  { type: 'scanned', code, result, shipOnLastScan },
];
/** An item main knows by a learned code (the order's own codes are answered on the page). */
const item = (lineId: string, shipOnLastScan = false) =>
  answer(
    lineId === '11' ? 'M-1' : 'T-1',
    { kind: 'item', code: 'x', orderId: '5001', lineIds: [lineId] },
    shipOnLastScan,
  );
const tracking = (shipOnLastScan = false) =>
  answer(
    UPS,
    {
      kind: 'tracking',
      code: UPS,
      trackingNumber: UPS,
      candidates: [
        { carrier: 'UPS', service: 'UPS', checkDigit: 'valid', trackingUrl: 'https://ups.test/1Z' },
      ],
    },
    shipOnLastScan,
  );

const counted = (code: string): PackEffect => ({ kind: 'count', code, openOrderId: '5001' });
const scanCall = (code: string, openOrderId: string | null = '5001'): PackEffect => ({
  kind: 'call',
  call: { method: 'pack.scan', code, openOrderId },
});
const say = (
  tone: 'ok' | 'error' | 'warning' | 'info',
  text: string,
  sound?: 'good' | 'wrong' | 'over' | 'unknown' | 'complete',
): PackEffect => ({ kind: 'say', message: { tone, text, sound } });

function play(events: PackEvent[], from: PackData = INITIAL) {
  let state = from;
  const effects: PackEffect[] = [];
  let ok: boolean | undefined;
  for (const event of events) {
    const step = packReducer(state, event);
    state = step.state;
    effects.push(...step.effects);
    ok = step.ok;
  }
  return { state, effects, ok };
}

/** State after `setup`, then the effects of `events` alone. */
function after(setup: PackEvent[], events: PackEvent[]) {
  return play(events, play(setup).state);
}

const packedAll = [...opened(progress(2, 1)), ...item('11'), ...item('11'), ...item('12')];

describe('the Pack screen reducer', () => {
  it.each<{
    promise: string;
    setup: PackEvent[];
    events: PackEvent[];
    state: Partial<PackData>;
    effects: PackEffect[];
  }>([
    {
      promise: 'an order number scanned with no order open asks main, then opens that order',
      setup: [],
      events: answer('114-555', { kind: 'order', code: '114-555', orderIds: ['5001'] }),
      state: { box: {}, busy: false },
      effects: [scanCall('114-555', null), { kind: 'navigate', to: 'order', code: '114-555' }],
    },
    {
      promise: 'a pick list’s wave barcode mid-order starts that wave, the box untouched',
      setup: [...opened(progress(2, 1)), ...item('11')],
      events: answer('PL-WAVE-14', { kind: 'wave', code: 'PL-WAVE-14', waveId: 14 }),
      state: { orderId: '5001', box: { '11': 1 } },
      effects: [scanCall('PL-WAVE-14'), { kind: 'navigate', to: 'wave', code: 'PL-WAVE-14' }],
    },
    {
      promise: 'opening an order shows it with the first line selected, and says nothing more',
      setup: [],
      events: opened(progress(2, 1)),
      state: { orderId: '5001', order: ORDER, selectedLineId: '11', box: {}, message: undefined },
      effects: [{ kind: 'call', call: { method: 'pack.open', orderId: '5001' } }],
    },
    {
      promise: 'scanning the open order again says so',
      setup: opened(progress(2, 1)),
      events: answer('114-555', { kind: 'order', code: '114-555', orderIds: ['5001'] }),
      state: { orderId: '5001' },
      effects: [scanCall('114-555'), say('info', 'This order is already open.')],
    },
    {
      promise: 'an item scan packs one unit and arms a typed quantity',
      setup: opened(progress(2, 1)),
      events: item('11'),
      state: { box: { '11': 1 }, selectedLineId: '11', quantityArmed: true },
      effects: [scanCall('M-1'), say('ok', 'MUG: 1 of 2 in the box.', 'good')],
    },
    {
      promise: 'the last unit says everything is in, and asks for the tracking label',
      setup: [...opened(progress(2, 1)), ...item('11'), ...item('11')],
      events: item('12'),
      state: { box: { '11': 2, '12': 1 } },
      effects: [
        scanCall('T-1'),
        say('ok', 'TEE: 1 of 1 — everything is in the box. Scan the tracking label.', 'good'),
      ],
    },
    {
      promise: 'an over-scan is refused with its own sound and the box stays as it was',
      setup: [...opened(progress(2, 1)), ...item('12')],
      events: item('12'),
      state: { box: { '12': 1 } },
      effects: [
        scanCall('T-1'),
        say('error', 'Over-scan: all 1 of TEE are already in the box — put it back.', 'over'),
      ],
    },
    {
      promise: 'a line shipped in full elsewhere refuses the scan, saying nothing is left',
      setup: opened(progress(2, 0)),
      events: item('12'),
      state: { box: {} },
      effects: [
        scanCall('T-1'),
        say('error', 'Over-scan: nothing is left of TEE to pack — put it back.', 'over'),
      ],
    },
    {
      promise: 'a wrong item is named and sounds "wrong"; nothing goes in the box',
      setup: opened(progress(2, 1)),
      events: answer('HAT-9', {
        kind: 'unknown',
        code: 'HAT-9',
        reason: 'wrong-item',
        message: 'HAT-9 is not on this order — put it back.',
        learnable: false,
      }),
      state: { box: {}, learnable: undefined },
      effects: [
        scanCall('HAT-9'),
        say('error', 'HAT-9 is not on this order — put it back.', 'wrong'),
      ],
    },
    {
      promise: 'a code nothing understands is offered to learn as the selected line',
      setup: opened(progress(2, 1)),
      events: answer('ZX-1', {
        kind: 'unknown',
        code: 'ZX-1',
        reason: 'unrecognised',
        message: 'Unknown code ZX-1.',
        learnable: true,
      }),
      state: { learnable: 'ZX-1' },
      effects: [
        scanCall('ZX-1'),
        say('error', 'Unknown code ZX-1. Press L to learn it as MUG.', 'unknown'),
      ],
    },
    {
      promise: 'L learns the code as the line, and says to scan it again',
      setup: [
        ...opened(progress(2, 1)),
        ...answer('ZX-1', {
          kind: 'unknown',
          code: 'ZX-1',
          reason: 'unrecognised',
          message: 'Unknown code ZX-1.',
          learnable: true,
        }),
      ],
      events: [{ type: 'learnAlias' }, { type: 'learned', code: 'ZX-1', sku: 'MUG' }],
      state: { learnable: undefined },
      effects: [
        { kind: 'call', call: { method: 'pack.learnAlias', code: 'ZX-1', sku: 'MUG' } },
        say('ok', 'Learned ZX-1 as MUG — scan it again to pack it.', 'good'),
      ],
    },
    {
      promise: 'a tracking label fills in the number, the carrier and its tracking page',
      setup: opened(progress(2, 1)),
      events: tracking(),
      state: { trackingNumber: UPS, carrier: 'UPS', trackingUrl: 'https://ups.test/1Z' },
      effects: [scanCall(UPS), say('ok', `Tracking ${UPS} — UPS.`, 'good')],
    },
    {
      promise:
        'a label already used on another order warns, and even with Ship on last scan it waits for the packer',
      setup: [...opened(progress(0, 1)), ...item('12', true)],
      events: answer(
        UPS,
        {
          kind: 'tracking',
          code: UPS,
          trackingNumber: UPS,
          candidates: [{ carrier: 'UPS', service: 'UPS', checkDigit: 'valid' }],
          usedElsewhere: `Tracking ${UPS} was already shipped on order 111-2 — check the label before you ship.`,
        },
        true,
      ),
      state: { trackingNumber: UPS, carrier: 'UPS', busy: false },
      effects: [
        scanCall(UPS),
        say(
          'warning',
          `Tracking ${UPS} was already shipped on order 111-2 — check the label before you ship.`,
          'wrong',
        ),
      ],
    },
    {
      promise: 'a number several carriers use asks the packer to choose, then takes the choice',
      setup: opened(progress(2, 1)),
      events: [
        ...answer('92612903029511573030094531', {
          kind: 'tracking',
          code: '92612903029511573030094531',
          trackingNumber: '92612903029511573030094531',
          candidates: [
            { carrier: 'USPS', service: 'IMpb', checkDigit: 'valid' },
            { carrier: 'FedEx', service: 'SmartPost', checkDigit: 'none' },
          ],
        }),
        { type: 'pickCandidate', index: 1 },
      ],
      state: { carrier: 'FedEx', candidates: undefined },
      effects: [
        scanCall('92612903029511573030094531'),
        say(
          'warning',
          'Tracking 92612903029511573030094531 fits 2 carriers — press 1 to 2 to choose.',
          'good',
        ),
        say('ok', 'Carrier: FedEx.', 'good'),
      ],
    },
    {
      promise: 'the Ship command ships a full box with its tracking number, then empties it',
      setup: [...packedAll, ...tracking()],
      events: [
        { type: 'scan', code: COMMANDS.ship },
        { type: 'shipped', units: 3, state: progress(0, 0, { complete: true }) },
      ],
      state: { box: {}, busy: false, trackingNumber: '', carrier: 'UPS' },
      effects: [
        {
          kind: 'call',
          call: {
            method: 'pack.ship',
            units: 3,
            input: {
              orderId: '5001',
              lines: [
                { lineId: '11', quantity: 2 },
                { lineId: '12', quantity: 1 },
              ],
              carrier: 'UPS',
              trackingNumber: UPS,
              trackingUrl: 'https://ups.test/1Z',
            },
          },
        },
        say('ok', 'Shipped 3 units — order complete. Scan the next order.', 'complete'),
      ],
    },
    {
      promise: 'Ship on a box that leaves units asks once, and ships on the second press',
      setup: [...opened(progress(2, 1)), ...item('11'), ...tracking()],
      events: [
        { type: 'scan', code: COMMANDS.ship },
        { type: 'scan', code: COMMANDS.ship },
        { type: 'shipped', units: 1, state: progress(1, 1) },
      ],
      state: { box: {}, confirmPartial: false },
      effects: [
        say(
          'warning',
          'This package leaves 2 units on the order. Press Enter again to ship it as a partial package.',
        ),
        {
          kind: 'call',
          call: {
            method: 'pack.ship',
            units: 1,
            input: {
              orderId: '5001',
              lines: [{ lineId: '11', quantity: 1 }],
              carrier: 'UPS',
              trackingNumber: UPS,
              trackingUrl: 'https://ups.test/1Z',
            },
          },
        },
        say('ok', 'Shipped 1 unit in this package. 2 units left — pack the next package.', 'good'),
      ],
    },
    {
      promise: 'Ship before the tracking label says what is missing',
      setup: packedAll,
      events: [{ type: 'shipKey' }],
      state: { confirmPartial: false, busy: false },
      effects: [say('error', 'Scan the tracking label first.', 'unknown')],
    },
    {
      promise: 'with "ship on last scan", the last unit ships the package without a key',
      setup: [...opened(progress(1, 0)), ...tracking(true)],
      events: item('11', true),
      state: { busy: true, box: { '11': 1 } },
      effects: [
        scanCall('M-1'),
        say('ok', 'MUG: 1 of 1 — everything is in the box. Press Enter to ship.', 'good'),
        {
          kind: 'call',
          call: {
            method: 'pack.ship',
            units: 1,
            input: {
              orderId: '5001',
              lines: [{ lineId: '11', quantity: 1 }],
              carrier: 'UPS',
              trackingNumber: UPS,
              trackingUrl: 'https://ups.test/1Z',
            },
          },
        },
      ],
    },
    {
      promise: 'an order the marketplace fulfils opens read-only and refuses item, Ship and Empty',
      setup: [],
      events: [
        ...opened(
          progress(2, 1, {
            readOnly: true,
            blocked: 'Fulfilled by Amazon — nothing to ship here.',
          }),
        ),
        ...item('11'),
        { type: 'scan', code: COMMANDS.ship },
        { type: 'scan', code: COMMANDS.emptyBox },
        { type: 'addUnits', lineId: '11', count: 1 },
        { type: 'scan', code: COMMANDS.nextOrder },
      ],
      state: { box: {} },
      effects: [
        { kind: 'call', call: { method: 'pack.open', orderId: '5001' } },
        say('warning', 'Scan the next order.', 'wrong'),
        scanCall('M-1'),
        say('warning', 'Fulfilled by Amazon — nothing to ship here.', 'wrong'),
        say('warning', 'Fulfilled by Amazon — nothing to ship here.', 'wrong'),
        say('warning', 'Fulfilled by Amazon — nothing to ship here.', 'wrong'),
        say('warning', 'Fulfilled by Amazon — nothing to ship here.', 'wrong'),
        { kind: 'navigate', to: 'next-order' },
      ],
    },
    {
      promise: 'an order the marketplace cancelled is blocked: no unit goes in, Ship is refused',
      setup: [...opened(progress(2, 1)), ...tracking()],
      events: [
        {
          type: 'progress',
          state: progress(2, 1, {
            blocked: 'This order was cancelled on Amazon at 10:42 — do not ship it.',
          }),
        },
        ...item('11'),
        { type: 'shipKey' },
      ],
      state: { box: {} },
      effects: [
        scanCall('M-1'),
        say('error', 'This order was cancelled on Amazon at 10:42 — do not ship it.', 'wrong'),
        say('error', 'This order was cancelled on Amazon at 10:42 — do not ship it.', 'unknown'),
      ],
    },
    {
      promise:
        'the open order’s own SKU is answered on the page: a unit in at once, main told to count it',
      setup: opened(progress(2, 1)),
      events: [{ type: 'scan', code: ' mug ' }],
      state: { box: { '11': 1 }, selectedLineId: '11', quantityArmed: true },
      effects: [counted('mug'), say('ok', 'MUG: 1 of 2 in the box.', 'good')],
    },
    {
      promise:
        'a line’s barcode in another GTIN form (EAN-13 of a UPC-A) is answered on the page too',
      setup: opened(progress(2, 1)),
      events: [{ type: 'scan', code: '0036000291452' }],
      state: { box: { '12': 1 } },
      effects: [counted('0036000291452'), say('ok', 'TEE: 1 of 1 in the box.', 'good')],
    },
    {
      promise: 'an over-scan of the order’s own SKU is refused on the page, with its sound',
      setup: opened(progress(0, 1)),
      events: [{ type: 'scan', code: 'MUG' }],
      state: { box: {} },
      effects: [
        counted('MUG'),
        say('error', 'Over-scan: nothing is left of MUG to pack — put it back.', 'over'),
      ],
    },
    {
      promise: 'a scan main cannot answer says the sentence with the "unknown" sound',
      setup: opened(progress(2, 1)),
      events: [
        { type: 'scan', code: 'M-1' },
        { type: 'scanFailed', error: 'Packline did not answer — check that it is still running.' },
      ],
      state: { box: {} },
      effects: [
        scanCall('M-1'),
        say('error', 'Packline did not answer — check that it is still running.', 'unknown'),
      ],
    },
    {
      promise: 'a typed quantity sets the line exactly, refusing more than is left',
      setup: [...opened(progress(2, 1)), ...item('11')],
      events: [
        { type: 'typeQuantity', key: '×' },
        { type: 'typeQuantity', key: '5' },
        { type: 'applyQuantity' },
        { type: 'typeQuantity', key: '2' },
        { type: 'applyQuantity' },
      ],
      state: { box: { '11': 2 }, quantity: '' },
      effects: [
        say('error', 'Over-scan: only 2 units of MUG left — 5 is too many.', 'over'),
        say('ok', 'MUG: 2 of 2 in the box.', 'good'),
      ],
    },
    {
      promise: 'units another station shipped leave the box when main says so',
      setup: [...opened(progress(2, 1)), ...item('11'), ...item('11')],
      events: [{ type: 'progress', state: progress(1, 1) }],
      state: { box: { '11': 1 } },
      effects: [],
    },
    {
      promise: "a refused cancellation says main's sentence and leaves the dialog open",
      setup: [...opened(progress(2, 1)), { type: 'setDialog', dialog: 'cancel' }],
      events: [
        { type: 'cancelLines', lines: [{ lineId: '12', quantity: 1 }], reason: 'out_of_stock' },
        { type: 'writeFailed', error: 'The disk is full — nothing was queued.' },
      ],
      state: { busy: false, dialog: 'cancel' },
      effects: [
        {
          kind: 'call',
          call: {
            method: 'pack.cancel',
            input: {
              orderId: '5001',
              lines: [{ lineId: '12', quantity: 1 }],
              reason: 'out_of_stock',
            },
            done: 'Cancelled 1 unit (out of stock) — queued to upload.',
          },
        },
        say('error', 'The disk is full — nothing was queued.', 'wrong'),
      ],
    },
  ])('$promise', ({ setup, events, state, effects }) => {
    const result = after(setup, events);
    expect(result.effects).toEqual(effects);
    expect(result.state).toMatchObject(state);
  });

  it('tells the caller whether a unit went in (the + and − keys)', () => {
    const start = play([...opened(progress(2, 1))]).state;
    expect(packReducer(start, { type: 'addUnits', lineId: '12', count: 1 }).ok).toBe(true);
    expect(packReducer(start, { type: 'addUnits', lineId: '12', count: 2 }).ok).toBe(false);
    expect(packReducer(start, { type: 'addUnits', lineId: '12', count: -1 }).ok).toBe(false);
    expect(packReducer(start, { type: 'addUnits', lineId: '99', count: 1 }).ok).toBe(false);
  });

  it('ignores the answer for an order the packer already left', () => {
    const { state } = play([
      { type: 'open', orderId: '5001' },
      { type: 'open', orderId: '6002' },
      { type: 'opened', orderId: '5001', order: ORDER, state: progress(2, 1) },
    ]);
    expect(state).toMatchObject({ orderId: '6002', order: undefined, progress: undefined });
  });
});
