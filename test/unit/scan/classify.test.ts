import { describe, expect, it } from 'vitest';
import { classifyScan, type ScanLookups } from '../../../main/station/scan/classify';
import { itemCodeKeys, normaliseOrderNumber } from '../../../common/item-codes';
import { fedex12, gs1, s10, ups1Z } from './check-digits';

// A tiny scan index built with the same key functions the real index uses.
const MUG_EAN13 = gs1('400638133393'); // stored on the line as EAN-13
const TEE_UPC = gs1('03600029145');
const CAP_UPC = gs1('07500000123');
const UNLISTED_UPC = gs1('01234567890');
const UPS = ups1Z('5R8939035756712');

function index(): ScanLookups {
  const orders = new Map<string, string[]>([
    [normaliseOrderNumber('111-9999888-55555'), ['O1']],
    [normaliseOrderNumber('PO-77'), ['O2']],
    [normaliseOrderNumber('1001'), ['O3']], // a short numeric order number…
    [normaliseOrderNumber('5000'), ['O4', 'O5']], // two marketplaces, one number
  ]);
  const lines: [orderId: string, lineId: string, codes: string[]][] = [
    ['O1', 'L1', ['mug-blue', MUG_EAN13]],
    ['O1', 'L2', ['TEE-M', `0${TEE_UPC}`]], // stored as EAN-13 with a leading 0
    ['O1', 'L3', ['1001']], // …that is also a SKU on O1
    ['O2', 'L9', ['CAP', CAP_UPC]],
  ];
  const byOrder = new Map<string, Map<string, string[]>>();
  for (const [orderId, lineId, codes] of lines) {
    const m = byOrder.get(orderId) ?? new Map<string, string[]>();
    for (const code of codes)
      for (const key of itemCodeKeys(code)) m.set(key, [...(m.get(key) ?? []), lineId]);
    byOrder.set(orderId, m);
  }
  const known = new Set([...byOrder.values()].flatMap((m) => [...m.keys()]));
  return {
    findOrders: (key) => orders.get(key) ?? [],
    findItemOnOrder: (orderId, key) => byOrder.get(orderId)?.get(key) ?? [],
    isKnownItem: (key) => known.has(key),
  };
}

describe('classifying a scan', () => {
  const lookups = index();
  const packing = { openOrderId: 'O1' };
  const idle = { openOrderId: null };

  it.each([
    [
      'opens an order by its marketplace number',
      '111-9999888-55555',
      idle,
      { kind: 'order', orderId: 'O1' },
    ],
    [
      'opens an order whatever the case of its number',
      ' po-77 ',
      packing,
      { kind: 'order', orderId: 'O2' },
    ],
    [
      'packs an item of the open order by SKU, case-insensitively',
      'MUG-BLUE',
      packing,
      { kind: 'item', orderId: 'O1', lineIds: ['L1'] },
    ],
    [
      'packs an item by the EAN-13 on the line',
      MUG_EAN13,
      packing,
      { kind: 'item', lineIds: ['L1'] },
    ],
    [
      'packs an item scanned as UPC-A when the line stores the EAN-13',
      TEE_UPC,
      packing,
      { kind: 'item', lineIds: ['L2'] },
    ],
    [
      'packs the item, not another order, when a SKU equals an order number',
      '1001',
      packing,
      { kind: 'item', lineIds: ['L3'] },
    ],
    ['opens that order when no order is open', '1001', idle, { kind: 'order', orderId: 'O3' }],
    [
      'calls an item of another order a wrong item',
      CAP_UPC,
      packing,
      { kind: 'unknown', reason: 'wrong-item' },
    ],
    [
      'says no order is open for a known item',
      'cap',
      idle,
      { kind: 'unknown', reason: 'no-open-order' },
    ],
    [
      'fills tracking for a UPS number',
      UPS,
      packing,
      { kind: 'tracking', trackingNumber: UPS, alsoValidGtin: false },
    ],
    [
      'fills tracking for an S10 number',
      s10('EA', '12345678', 'US'),
      packing,
      { kind: 'tracking' },
    ],
    [
      'offers to learn an unlisted UPC',
      UNLISTED_UPC,
      packing,
      { kind: 'unknown', reason: 'unrecognised', gtin14: `00${UNLISTED_UPC}` },
    ],
    [
      'asks for a rescan of a tracking number with a wrong check digit',
      'EA123456789US',
      packing,
      { kind: 'unknown', reason: 'unrecognised', misreadTracking: ['USPS'] },
    ],
    [
      'says an unrecognised code is unknown',
      'HELLO-WORLD',
      packing,
      { kind: 'unknown', reason: 'unrecognised' },
    ],
    ['says an empty scan is empty', '  ', packing, { kind: 'unknown', reason: 'empty' }],
  ] as const)('%s', (_promise, code, context, expected) => {
    expect(classifyScan(code, context, lookups)).toMatchObject(expected);
  });

  it('lists every order that carries a shared number', () => {
    expect(classifyScan('5000', idle, lookups)).toMatchObject({
      kind: 'order',
      orderId: 'O4',
      orderIds: ['O4', 'O5'],
    });
  });

  it('hands the index keys that normalise to themselves, so re-normalising changes nothing', () => {
    for (const code of [TEE_UPC, `0${TEE_UPC}`, ' mug-blue ', UPS]) {
      for (const key of itemCodeKeys(code)) expect(itemCodeKeys(key)).toContain(key);
      const orderKey = normaliseOrderNumber(code);
      expect(normaliseOrderNumber(orderKey)).toBe(orderKey);
    }
  });

  it('lists the carriers that fit a tracking number', () => {
    const result = classifyScan(UPS, packing, lookups);
    expect(result.kind === 'tracking' && result.candidates.map((c) => c.carrier)).toEqual(['UPS']);
  });

  it('works without an isKnownItem lookup, calling foreign items unknown', () => {
    const { findOrders, findItemOnOrder } = lookups;
    expect(classifyScan(CAP_UPC, packing, { findOrders, findItemOnOrder })).toMatchObject({
      kind: 'unknown',
      reason: 'unrecognised',
    });
  });

  it('flags a tracking number whose digits also make a valid UPC, for the packer to confirm', () => {
    // Search deterministically for 12 digits that pass both the UPC-A and the FedEx 12 check.
    let both = '';
    for (let n = 100000000; both === '' && n < 100001000; n++) {
      const upc = gs1(`04${n}`);
      if (fedex12(upc.slice(0, 11)) === upc) both = upc;
    }
    expect(both).toHaveLength(12);
    expect(classifyScan(both, packing, lookups)).toMatchObject({
      kind: 'tracking',
      alsoValidGtin: true,
    });
  });
});
