// How each scan on the Pack screen is counted for Stats, read off the real reducer: a unit past
// what is left is an over-scan, main's "not on this order" a wrong item, a code that is nothing
// "not understood", and everything else an ordinary scan.
import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/api/orders';
import type { PackState, ScanResult } from '../../../preload/api/pack';
import {
  INITIAL,
  packReducer,
  type PackData,
  type PackEvent,
} from '../../../renderer/pack/reducer';
import { scanOutcome } from '../../../renderer/pack/scan-tally';

const ORDER = {
  id: '5001',
  lines: [{ id: '11', sku: 'MUG', name: 'Mug', quantity: 2, codes: [] }],
} as unknown as OrderView;

const progress = (left: number): PackState => ({
  orderId: '5001',
  lines: [
    { lineId: '11', ordered: 2, shipped: 2 - left, cancelled: 0, queued: 0, left, excess: 0 },
  ],
  records: [],
  complete: left === 0,
});

function openWith(left: number): PackData {
  let state = INITIAL;
  for (const event of [
    { type: 'open', orderId: '5001' },
    { type: 'opened', orderId: '5001', order: ORDER, state: progress(left) },
  ] as PackEvent[])
    state = packReducer(state, event).state;
  return state;
}

/** The outcome of main answering `result` to a scan on `state`. */
function outcome(state: PackData, result: ScanResult) {
  const event: PackEvent = { type: 'scanned', code: result.code, result, shipOnLastScan: false };
  const step = packReducer(state, event);
  return { step, outcome: scanOutcome(state.orderId, event, step) };
}

const mug: ScanResult = { kind: 'item', code: 'MUG', orderId: '5001', lineIds: ['11'] };
const unknown = (reason: 'wrong-item' | 'unrecognised' | 'empty'): ScanResult => ({
  kind: 'unknown',
  code: 'X',
  reason,
  message: 'No.',
  learnable: false,
});

describe('counting scans for Stats', () => {
  it('an item that goes in the box is an ordinary scan', () => {
    expect(outcome(openWith(2), mug).outcome).toBe('ok');
  });

  it('one unit more than is left is an over-scan', () => {
    let state = openWith(1);
    const first = outcome(state, mug);
    expect(first.outcome).toBe('ok');
    state = first.step.state;
    expect(outcome(state, mug).outcome).toBe('over-scan');
  });

  it('an item with nothing left is an over-scan too', () => {
    expect(outcome(openWith(0), mug).outcome).toBe('over-scan');
  });

  it("main's verdicts: not on this order is a wrong item, a code that is nothing is not understood", () => {
    const state = openWith(2);
    expect(outcome(state, unknown('wrong-item')).outcome).toBe('wrong-item');
    expect(outcome(state, unknown('unrecognised')).outcome).toBe('not-understood');
    expect(outcome(state, unknown('empty')).outcome).toBe('not-understood');
  });

  it('counts nothing without an open order, or for events that are not scan answers', () => {
    const event: PackEvent = { type: 'scanned', code: 'X', result: mug, shipOnLastScan: false };
    expect(scanOutcome(undefined, event, packReducer(INITIAL, event))).toBeUndefined();
    const select: PackEvent = { type: 'select', lineId: '11' };
    expect(scanOutcome('5001', select, packReducer(openWith(2), select))).toBeUndefined();
  });
});
