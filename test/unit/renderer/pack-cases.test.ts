// Case codes on the Pack screen: a scan of a learned case puts all its units in the box or none,
// a quantity typed after it counts cases, and the learn offer asks how many units a code holds.
import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/api/orders';
import type { PackState, ScanResult } from '../../../preload/api/pack';
import {
  INITIAL,
  packReducer,
  type PackData,
  type PackEffect,
  type PackEvent,
} from '../../../renderer/pack/reducer';

const ORDER: OrderView = {
  id: '5001',
  marketplace: 'Amazon',
  lineCount: 2,
  unitCount: 13,
  skus: ['SKU-1', 'TEE'],
  names: ['Mug', 'T-shirt'],
  leftFilter: false,
  cancelledByMarketplace: false,
  lines: [
    { id: '11', sku: 'SKU-1', name: 'Mug', quantity: 12, codes: [] },
    { id: '12', sku: 'TEE', name: 'T-shirt', quantity: 1, codes: [] },
  ],
};

function progress(left: number): PackState {
  return {
    orderId: '5001',
    lines: [
      { lineId: '11', ordered: 12, shipped: 12 - left, cancelled: 0, queued: 0, left, excess: 0 },
      { lineId: '12', ordered: 1, shipped: 0, cancelled: 0, queued: 0, left: 1, excess: 0 },
    ],
    records: [],
    complete: false,
  };
}

const opened = (left = 12): PackEvent[] => [
  { type: 'open', orderId: '5001' },
  { type: 'opened', orderId: '5001', order: ORDER, state: progress(left) },
];
const scanned = (code: string, result: ScanResult): PackEvent => ({
  type: 'scanned',
  code,
  result,
  shipOnLastScan: false,
});
const caseOf = (units: number): PackEvent =>
  scanned('CASE', { kind: 'item', code: 'CASE', orderId: '5001', lineIds: ['11'], units });
const single: PackEvent = scanned('SKU-1', {
  kind: 'item',
  code: 'SKU-1',
  orderId: '5001',
  lineIds: ['11'],
});
const typed = (text: string): PackEvent[] => [
  ...[...text].map((key): PackEvent => ({ type: 'typeQuantity', key })),
  { type: 'applyQuantity' },
];

function play(events: PackEvent[], from: PackData = INITIAL) {
  let state = from;
  const effects: PackEffect[] = [];
  for (const event of events) {
    const step = packReducer(state, event);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects, said: effects.flatMap((e) => (e.kind === 'say' ? [e.message] : [])) };
}

describe('case codes on the Pack screen', () => {
  it('a case of 6 scanned twice fills a line of 12; a third is refused as one over-scan', () => {
    const two = play([...opened(), caseOf(6), caseOf(6)]);
    expect(two.state.box).toEqual({ '11': 12 });
    expect(two.said.at(-1)).toEqual({
      tone: 'ok',
      text: 'Case of 6 — SKU-1: 12 of 12 in the box.',
      sound: 'good',
    });
    const third = play([caseOf(6)], two.state);
    expect(third.state.box).toEqual({ '11': 12 });
    expect(third.said).toEqual([
      {
        tone: 'error',
        text: 'Over-scan: this case holds 6 of SKU-1 but none are left — put it back.',
        sound: 'over',
      },
    ]);
  });

  it('a case larger than what is left adds nothing and says to scan single units', () => {
    const { state, said } = play([...opened(8), caseOf(12)]);
    expect(state.box).toEqual({});
    expect(said.at(-1)?.text).toBe(
      'Over-scan: this case holds 12 of SKU-1 but only 8 are left — scan single units instead.',
    );
    // Counted against what is already in the box, too.
    const after = play([...opened(12), single, single, single, single, caseOf(12)]);
    expect(after.state.box).toEqual({ '11': 4 });
    expect(after.said.at(-1)?.text).toBe(
      'Over-scan: this case holds 12 of SKU-1 but only 8 are left — scan single units instead.',
    );
  });

  it('a single-unit scan is unchanged: one unit, and a typed quantity is the line total', () => {
    const { state } = play([...opened(), single, ...typed('×5')]);
    expect(state.box).toEqual({ '11': 5 });
  });

  it('a quantity typed after a case scan counts cases: 2 × case of 6 = 12', () => {
    const { state, said } = play([...opened(), caseOf(6), ...typed('×2')]);
    expect(state.box).toEqual({ '11': 12 });
    expect(said.at(-1)?.text).toBe('2 × case of 6 = 12 — SKU-1: 12 of 12 in the box.');
  });

  it('cases typed after a case scan add to the singles already in the box', () => {
    const { state, said } = play([...opened(), single, single, caseOf(4), ...typed('2')]);
    expect(state.box).toEqual({ '11': 10 });
    expect(said.at(-1)?.text).toBe('2 × case of 4 = 8 — SKU-1: 10 of 12 in the box.');
  });

  it('too many cases typed are refused whole; the scanned case stays in the box', () => {
    const { state, said } = play([...opened(), caseOf(6), ...typed('×3')]);
    expect(state.box).toEqual({ '11': 6 });
    expect(said.at(-1)).toEqual({
      tone: 'error',
      text: 'Over-scan: 3 × case of 6 = 18 of SKU-1, but only 12 are left — type fewer cases.',
      sound: 'over',
    });
  });
});

describe('learning a code with its units', () => {
  const unknown = scanned('ZX-1', {
    kind: 'unknown',
    code: 'ZX-1',
    reason: 'unrecognised',
    message: 'Unknown code ZX-1.',
    learnable: true,
  });

  it('digits typed with the offer up are the units; L learns a case of that many', () => {
    const { effects, state } = play([
      ...opened(),
      unknown,
      { type: 'typeLearnUnits', key: '6' },
      { type: 'learnAlias' },
    ]);
    expect(state.learnUnits).toBe('6');
    expect(effects.at(-1)).toEqual({
      kind: 'call',
      call: { method: 'pack.learnAlias', code: 'ZX-1', sku: 'SKU-1', units: 6 },
    });
    const done = play([{ type: 'learned', code: 'ZX-1', sku: 'SKU-1', units: 6 }], state);
    expect(done.said[0]?.text).toBe(
      'Learned ZX-1 as a case of 6 SKU-1 — scan it again to pack it.',
    );
  });

  it('units left empty are asked for; nothing is learned', () => {
    const { effects, said } = play([
      ...opened(),
      unknown,
      { type: 'typeLearnUnits', key: '1' },
      { type: 'typeLearnUnits', key: 'Backspace' },
      { type: 'learnAlias' },
    ]);
    expect(effects.some((e) => e.kind === 'call' && e.call.method === 'pack.learnAlias')).toBe(
      false,
    );
    expect(said.at(-1)?.text).toBe(
      'Type how many units of SKU-1 ZX-1 holds (1 to 9999), then press L.',
    );
  });

  it('a GTIN-14 case of a line is offered as that line, asking only for the units', () => {
    const code = '10012345678902';
    const { state, said, effects } = play([
      ...opened(),
      { type: 'select', lineId: '12' },
      scanned(code, {
        kind: 'unknown',
        code,
        reason: 'unrecognised',
        message: `Unknown code ${code}.`,
        learnable: true,
        caseOf: { lineId: '11', sku: 'SKU-1' },
      }),
      { type: 'typeLearnUnits', key: '1' },
      { type: 'typeLearnUnits', key: '2' },
      { type: 'learnAlias' },
    ]);
    expect(said.at(-1)?.text).toBe(
      `${code} is a case of SKU-1 — type how many units it holds, then press L.`,
    );
    expect(state.selectedLineId).toBe('11');
    expect(effects.at(-1)).toEqual({
      kind: 'call',
      call: { method: 'pack.learnAlias', code, sku: 'SKU-1', units: 12 },
    });
  });
});
