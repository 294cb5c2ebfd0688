// Over-scans for Stats, read off the real reducer: a unit past what is left is an over-scan; an
// item that goes in the box, and main's own verdicts (wrong item, not understood — counted by
// main), are not.
import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/api/orders';
import type { PackState, ScanResult } from '../../../preload/api/pack';
import {
  INITIAL,
  packReducer,
  type PackData,
  type PackEvent,
} from '../../../renderer/pack/reducer';
import { isOverScan } from '../../../renderer/pack/scan-tally';

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

/** Main answers `result` to a scan on `state`: the next state, and whether it was an over-scan. */
function answer(state: PackData, result: ScanResult) {
  const event: PackEvent = { type: 'scanned', code: result.code, result, shipOnLastScan: false };
  const step = packReducer(state, event);
  return { state: step.state, over: isOverScan(state.orderId, event, step) };
}

const mug: ScanResult = { kind: 'item', code: 'MUG', orderId: '5001', lineIds: ['11'] };
const unknown = (reason: 'wrong-item' | 'unrecognised'): ScanResult => ({
  kind: 'unknown',
  code: 'X',
  reason,
  message: 'No.',
  learnable: false,
});

describe('over-scans for Stats', () => {
  it('an item that goes in the box is not an over-scan; one unit more than is left is', () => {
    const first = answer(openWith(1), mug);
    expect(first.over).toBe(false);
    expect(answer(first.state, mug).over).toBe(true);
  });

  it('an item with nothing left is an over-scan too', () => {
    expect(answer(openWith(0), mug).over).toBe(true);
  });

  it('the order’s own SKU answered on the page counts the same: in the box no, one too many yes', () => {
    const scan = (state: PackData) => {
      const event: PackEvent = { type: 'scan', code: 'MUG' };
      const step = packReducer(state, event);
      return { state: step.state, over: isOverScan(state.orderId, event, step) };
    };
    const first = scan(openWith(1));
    expect(first.over).toBe(false);
    expect(first.state.box).toEqual({ '11': 1 });
    expect(scan(first.state).over).toBe(true);
  });

  it("main's own verdicts are not over-scans (main counts them)", () => {
    expect(answer(openWith(2), unknown('wrong-item')).over).toBe(false);
    expect(answer(openWith(2), unknown('unrecognised')).over).toBe(false);
  });

  it('nothing without an open order, or for events that are not scan answers', () => {
    const event: PackEvent = { type: 'scanned', code: 'MUG', result: mug, shipOnLastScan: false };
    expect(isOverScan(undefined, event, packReducer(INITIAL, event))).toBe(false);
    const select: PackEvent = { type: 'select', lineId: '11' };
    expect(isOverScan('5001', select, packReducer(openWith(0), select))).toBe(false);
  });
});
