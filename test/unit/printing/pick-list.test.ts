import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../preload/api/orders';
import {
  buildPickList,
  comparePickRows,
  nextByShipBy,
  scanNumber,
} from '../../../main/station/printing/pick-list';

type LineSpec = [sku: string | undefined, quantity: number, location?: string, code?: string];

function order(
  id: string,
  number: string | undefined,
  lines: LineSpec[],
  extra: Partial<OrderView> = {},
): OrderView {
  return {
    id,
    marketplaceOrderNumber: number,
    lineCount: lines.length,
    unitCount: lines.reduce((n, l) => n + l[1], 0),
    skus: [],
    names: [],
    leftFilter: false,
    cancelledByMarketplace: false,
    lines: lines.map(([sku, quantity, location, code], i) => ({
      id: `${id}-${i}`,
      sku,
      name: sku ? `Name of ${sku}` : 'Loose item',
      quantity,
      codes: code ? [code] : [],
      location,
    })),
    ...extra,
  };
}

const header = { station: 'Bench 2', packer: 'Ana', generatedAt: '2025-03-01T10:00:00.000Z' };

describe('pick list grouping', () => {
  it('puts every unit of a SKU in one bin on one row, with the orders it goes to', () => {
    const list = buildPickList(
      [
        order('1', '111-1', [
          ['MUG', 2, 'A-01-1', '012345678905'],
          ['TEE', 1, 'B-02-1'],
        ]),
        order('2', '111-2', [['MUG', 1, 'A-01-1']]),
      ],
      header,
    );
    expect(list.rows).toEqual([
      {
        sku: 'MUG',
        location: 'A-01-1',
        itemCode: '012345678905',
        name: 'Name of MUG',
        quantity: 3,
        orders: [
          { orderId: '1', number: '111-1', quantity: 2 },
          { orderId: '2', number: '111-2', quantity: 1 },
        ],
      },
      {
        sku: 'TEE',
        location: 'B-02-1',
        name: 'Name of TEE',
        quantity: 1,
        orders: [{ orderId: '1', number: '111-1', quantity: 1 }],
      },
    ]);
    expect(list).toMatchObject({ ...header, orderCount: 2, unitCount: 4, missing: [] });
  });

  it('keeps one SKU stocked in two bins on two rows, so the picker visits both', () => {
    const list = buildPickList(
      [order('1', 'A', [['MUG', 1, 'C-01-1']]), order('2', 'B', [['MUG', 2, 'A-05-2']])],
      header,
    );
    expect(list.rows.map((r) => [r.location, r.sku, r.quantity])).toEqual([
      ['A-05-2', 'MUG', 2],
      ['C-01-1', 'MUG', 1],
    ]);
  });

  it('adds up two lines of one SKU on one order into one order reference', () => {
    const list = buildPickList(
      [
        order('1', 'A', [
          ['MUG', 1, 'A'],
          ['MUG', 3, 'A'],
        ]),
      ],
      header,
    );
    expect(list.rows[0]!.orders).toEqual([{ orderId: '1', number: 'A', quantity: 4 }]);
    expect(list.rows[0]!.quantity).toBe(4);
  });

  it('references an order by its marketplace number, or FeedAMP id when it has none', () => {
    expect(scanNumber({ id: '1098', marketplaceOrderNumber: '112-55' })).toBe('112-55');
    expect(scanNumber({ id: '1098', marketplaceOrderNumber: '  ' })).toBe('1098');
    expect(scanNumber({ id: '1098' })).toBe('1098');
    const list = buildPickList([order('1098', undefined, [['MUG', 1]])], header);
    expect(list.orders).toEqual([{ orderId: '1098', number: '1098' }]);
  });

  it('still lists a line without a SKU, by its name, and skips lines with nothing to pick', () => {
    const list = buildPickList(
      [
        order('1', 'A', [
          [undefined, 1, 'A-1'],
          ['ZERO', 0, 'A-1'],
        ]),
      ],
      header,
    );
    expect(list.rows.map((r) => r.sku)).toEqual(['Loose item']);
    expect(list.unitCount).toBe(1);
  });

  it('reports ids that were asked for but are not cached', () => {
    expect(buildPickList([], header, ['404']).missing).toEqual(['404']);
  });
});

describe('pick list order', () => {
  const row = (location: string | undefined, sku: string) => ({
    sku,
    location,
    quantity: 1,
    orders: [],
  });
  it.each([
    ['bins in reading order', row('A-2', 'X'), row('A-10', 'X')],
    ['bin before SKU', row('A-01', 'ZZZ'), row('B-01', 'AAA')],
    ['SKU within a bin', row('A-01', 'MUG-2'), row('A-01', 'MUG-10')],
    ['binned rows before unbinned', row('Z-99', 'ZZZ'), row(undefined, 'AAA')],
    ['unbinned rows by SKU', row(undefined, 'AAA'), row(undefined, 'BBB')],
  ])('%s', (_name, first, second) => {
    expect(comparePickRows(first, second)).toBeLessThan(0);
    expect(comparePickRows(second, first)).toBeGreaterThan(0);
  });

  it('sorts a whole list by bin, then SKU', () => {
    const list = buildPickList(
      [
        order('1', 'A', [
          ['TEE', 1, 'B-01-1'],
          ['CAP', 1],
          ['MUG', 1, 'A-10-1'],
        ]),
        order('2', 'B', [
          ['BAG', 1, 'A-2-1'],
          ['ANT', 1, 'B-01-1'],
        ]),
      ],
      header,
    );
    expect(list.rows.map((r) => `${r.location ?? '-'} ${r.sku}`)).toEqual([
      'A-2-1 BAG',
      'A-10-1 MUG',
      'B-01-1 ANT',
      'B-01-1 TEE',
      '- CAP',
    ]);
  });
});

describe('next N by ship-by', () => {
  const s = (id: string, shipBy?: string, extra: Partial<OrderView> = {}) => ({
    id,
    shipBy,
    leftFilter: false,
    cancelledByMarketplace: false,
    ...extra,
  });
  it('takes the earliest ship-by first, undated last, ties by id, never cancelled or gone', () => {
    const chosen = nextByShipBy(
      [
        s('30', '2025-03-03T00:00:00Z'),
        s('9', undefined),
        s('12', '2025-03-01T00:00:00Z'),
        s('100', '2025-03-01T00:00:00Z'),
        s('5', '2025-02-01T00:00:00Z', { cancelledByMarketplace: true }),
        s('6', '2025-02-01T00:00:00Z', { leftFilter: true }),
      ],
      4,
    );
    expect(chosen.map((o) => o.id)).toEqual(['12', '100', '30', '9']);
  });
  it('takes no more than asked for', () => {
    expect(nextByShipBy([s('1', '2025-01-01'), s('2', '2025-01-02')], 1)).toHaveLength(1);
  });
});
