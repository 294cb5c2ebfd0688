import { describe, expect, it } from 'vitest';
// The rules main uses to compute progress and check a package, and the Pack screen uses to fill
// the box: one implementation, in common/, tested here.
import {
  addToBox,
  boxCompletesOrder,
  boxLines,
  boxUnits,
  fitBox,
  leftAfterBox,
  lineForScan,
  orderComplete,
  orderProgress,
  setInBox,
  validateBox,
  type Box,
  type CancellationLike,
  type LineLike,
  type QueuedLike,
  type ShipmentLike,
} from '../../../common/packing';

const L1 = { id: 'L1', sku: 'MUG', quantity: 5 };
const L2 = { id: 'L2', sku: 'TEE', quantity: 2 };
const L3 = { id: 'L3', sku: 'CAP', quantity: 1 };
const order = { order_lines: [L1, L2, L3] };

const shipped = (id: string, lines: [string, number][]): ShipmentLike => ({
  id,
  fulfillment_lines: lines.map(([line_id, quantity]) => ({ line_id, quantity })),
});
const cancelled = (id: string, lines: [string, number][]): CancellationLike => ({
  id,
  cancellation_lines: lines.map(([line_id, quantity]) => ({ line_id, quantity })),
});
/** Progress of one line, as main computes it for the Lines table. */
const progressOf = (
  line: LineLike,
  shipments: ShipmentLike[],
  cancellations: CancellationLike[],
  queued: QueuedLike[],
) => orderProgress({ order_lines: [line] }, shipments, cancellations, queued)[0]!;

describe('what is left of a line: ordered − shipped − cancelled − queued', () => {
  it.each<{
    promise: string;
    shipments: ShipmentLike[];
    cancellations: CancellationLike[];
    queued: QueuedLike[];
    left: number;
  }>([
    {
      promise: 'leaves the whole line when nothing happened yet',
      shipments: [],
      cancellations: [],
      queued: [],
      left: 5,
    },
    {
      promise: 'subtracts units shipped in several packages',
      shipments: [
        shipped('F1', [['L1', 1]]),
        shipped('F2', [
          ['L1', 2],
          ['L2', 1],
        ]),
      ],
      cancellations: [],
      queued: [],
      left: 2,
    },
    {
      promise: 'subtracts cancelled units',
      shipments: [],
      cancellations: [cancelled('C1', [['L1', 4]])],
      queued: [],
      left: 1,
    },
    {
      promise: 'subtracts shipments still waiting in the outbox',
      shipments: [shipped('F1', [['L1', 1]])],
      cancellations: [],
      queued: [{ fulfillment_lines: [{ line_id: 'L1', quantity: 2 }] }],
      left: 2,
    },
    {
      promise: 'subtracts cancellations still waiting in the outbox',
      shipments: [],
      cancellations: [],
      queued: [{ cancellation_lines: [{ line_id: 'L1', quantity: 5 }] }],
      left: 0,
    },
    {
      promise: 'counts a queued update in place of the shipment it replaces',
      shipments: [shipped('F1', [['L1', 3]])],
      cancellations: [],
      queued: [{ supersedes: 'F1', fulfillment_lines: [{ line_id: 'L1', quantity: 1 }] }],
      left: 4,
    },
    {
      promise: 'gives back the units of a shipment whose delete is queued',
      shipments: [shipped('F1', [['L1', 3]])],
      cancellations: [],
      queued: [{ supersedes: 'F1' }],
      left: 5,
    },
    {
      promise: 'never goes below zero when another station over-shipped',
      shipments: [shipped('F1', [['L1', 4]]), shipped('F2', [['L1', 4]])],
      cancellations: [],
      queued: [],
      left: 0,
    },
    {
      promise: 'ignores quantities that are not positive integers',
      shipments: [
        {
          id: 'F1',
          fulfillment_lines: [
            { line_id: 'L1', quantity: -3 },
            { line_id: 'L1', quantity: 1.5 },
            { line_id: 'L1' },
          ],
        },
      ],
      cancellations: [],
      queued: [],
      left: 5,
    },
    {
      promise: 'ignores other lines and records without lines',
      shipments: [shipped('F1', [['L2', 2]]), { id: 'F2' }, { id: 'F3', fulfillment_lines: null }],
      cancellations: [{ id: 'C1' }],
      queued: [{}],
      left: 5,
    },
  ])('$promise', ({ shipments, cancellations, queued, left }) => {
    expect(progressOf(L1, shipments, cancellations, queued).left).toBe(left);
  });

  it('reports each count and any excess for the Lines table', () => {
    const p = progressOf(
      L2,
      [shipped('F1', [['L2', 2]])],
      [cancelled('C1', [['L2', 1]])],
      [{ fulfillment_lines: [{ line_id: 'L2', quantity: 1 }] }],
    );
    expect(p).toEqual({
      lineId: 'L2',
      ordered: 2,
      shipped: 2,
      cancelled: 1,
      queued: 1,
      left: 0,
      excess: 2,
    });
  });

  it('treats a line with no quantity as nothing ordered', () => {
    expect(progressOf({ id: 'LX' }, [], [], []).left).toBe(0);
  });

  it('lists progress in the order line order and skips lines without an id', () => {
    const p = orderProgress({ order_lines: [L3, { quantity: 2 }, L1] }, [], [], []);
    expect(p.map((x) => x.lineId)).toEqual(['L3', 'L1']);
    expect(orderProgress({}, [], [], [])).toEqual([]);
  });
});

describe('what a box may contain', () => {
  const progress = orderProgress(order, [shipped('F1', [['L3', 1]])], [], []);

  it('adds one unit per scan, up to what is left of each line', () => {
    let box: Box = {};
    for (const line of ['L2', 'L1', 'L2']) {
      const r = addToBox(box, line, 1, progress);
      if (!r.ok) throw new Error(r.reason);
      box = r.box;
    }
    expect(box).toEqual({ L1: 1, L2: 2 });
    expect(boxUnits(box)).toBe(3);
  });

  it.each([
    ['refuses an over-scan beyond what is left', 'L2', 3, 'over-scan', 2],
    ['refuses a line that is already shipped in full', 'L3', 1, 'nothing-left', 0],
    ['refuses a line that is not on this order', 'L9', 1, 'not-on-order', 0],
    ['refuses a fractional quantity', 'L1', 1.5, 'bad-quantity', 5],
    ['refuses a negative quantity', 'L1', -1, 'bad-quantity', 5],
  ] as const)('%s', (_promise, lineId, quantity, reason, left) => {
    expect(setInBox({}, lineId, quantity, progress)).toEqual({ ok: false, reason, left });
  });

  it('sets a typed quantity exactly and takes the line out at zero', () => {
    expect(setInBox({ L1: 1 }, 'L1', 5, progress)).toMatchObject({ ok: true, box: { L1: 5 } });
    expect(setInBox({ L1: 1, L2: 1 }, 'L1', 0, progress)).toMatchObject({
      ok: true,
      box: { L2: 1 },
    });
  });

  it('counts what is already in the box against what is left, and "−" takes one out', () => {
    expect(addToBox({ L2: 2 }, 'L2', 1, progress)).toEqual({
      ok: false,
      reason: 'over-scan',
      left: 2,
    });
    expect(addToBox({ L2: 2 }, 'L2', -1, progress)).toMatchObject({ ok: true, box: { L2: 1 } });
    expect(addToBox({}, 'L2', -1, progress)).toMatchObject({ ok: false, reason: 'bad-quantity' });
  });

  it('sends a code on several lines to the selected line, else the first with room', () => {
    const lines = [
      { lineId: 'A', left: 1 },
      { lineId: 'B', left: 2 },
    ];
    expect(lineForScan(['A', 'B'], 'B', {}, lines)).toEqual({ lineId: 'B', room: true });
    expect(lineForScan(['A', 'B'], undefined, {}, lines)).toEqual({ lineId: 'A', room: true });
    expect(lineForScan(['A', 'B'], 'A', { A: 1 }, lines)).toEqual({ lineId: 'B', room: true });
    expect(lineForScan(['A', 'B'], 'B', { A: 1, B: 2 }, lines)).toEqual({
      lineId: 'B',
      room: false,
    });
    expect(lineForScan([], undefined, {}, lines)).toBeUndefined();
  });

  it('lets units no longer left leave the box when progress changes', () => {
    const box: Box = { L1: 3, L2: 2 };
    const after = orderProgress(
      order,
      [
        shipped('F9', [
          ['L1', 4],
          ['L2', 2],
        ]),
      ],
      [],
      [],
    );
    expect(fitBox(box, after)).toEqual({ L1: 1 });
    expect(fitBox(box, progress)).toBe(box);
  });

  it('lists the box as package lines in the order line order', () => {
    expect(boxLines({ L3: 1, L1: 2, L2: 0 }, ['L1', 'L2', 'L3'])).toEqual([
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L3', quantity: 1 },
    ]);
  });
});

describe('validating a package right before it ships', () => {
  it('never ships more than is left when two stations pack one order', () => {
    // Station B packed two TEEs while station A shipped one; the refresh before shipping sees it.
    const fresh = orderProgress(order, [shipped('F-A', [['L2', 1]])], [], []);
    expect(validateBox([{ line_id: 'L2', quantity: 2 }], fresh)).toEqual([
      { kind: 'more-than-left', lineId: 'L2', inBox: 2, left: 1 },
    ]);
  });

  it('accepts a package within what is left', () => {
    expect(validateBox([{ line_id: 'L1', quantity: 5 }], orderProgress(order, [], [], []))).toEqual(
      [],
    );
  });

  it.each<[string, { line_id: string; quantity: number }[], unknown[]]>([
    ['refuses an empty package', [], [{ kind: 'empty' }]],
    [
      'refuses a line of another order',
      [{ line_id: 'OTHER', quantity: 1 }],
      [{ kind: 'not-on-order', lineId: 'OTHER' }],
    ],
    [
      'refuses a zero quantity',
      [{ line_id: 'L1', quantity: 0 }],
      [{ kind: 'bad-quantity', lineId: 'L1', quantity: 0 }],
    ],
    [
      'adds up duplicate entries of one line before comparing',
      [
        { line_id: 'L3', quantity: 1 },
        { line_id: 'L3', quantity: 1 },
      ],
      [{ kind: 'more-than-left', lineId: 'L3', inBox: 2, left: 1 }],
    ],
  ])('%s', (_promise, lines, problems) => {
    expect(validateBox(lines, orderProgress(order, [], [], []))).toEqual(problems);
  });
});

describe('order completion', () => {
  it('is complete once every line is shipped, cancelled or queued in full', () => {
    const p = orderProgress(
      order,
      [shipped('F1', [['L1', 3]])],
      [cancelled('C1', [['L3', 1]])],
      [
        {
          fulfillment_lines: [
            { line_id: 'L1', quantity: 2 },
            { line_id: 'L2', quantity: 2 },
          ],
        },
      ],
    );
    expect(orderComplete(p)).toBe(true);
  });

  it('is not complete while a unit is left', () => {
    const p = orderProgress(
      order,
      [
        shipped('F1', [
          ['L1', 5],
          ['L2', 2],
        ]),
      ],
      [],
      [],
    );
    expect(orderComplete(p)).toBe(false);
  });

  it('knows when the box takes the last units, for ship-on-last-scan and the partial question', () => {
    const p = orderProgress(order, [shipped('F1', [['L1', 5]])], [], []);
    expect(boxCompletesOrder({ L2: 2, L3: 1 }, p)).toBe(true);
    expect(boxCompletesOrder({ L2: 2 }, p)).toBe(false);
    expect(boxCompletesOrder({}, orderProgress({ order_lines: [] }, [], [], []))).toBe(false);
    expect(leftAfterBox({ L2: 1 }, p)).toBe(2);
  });
});
