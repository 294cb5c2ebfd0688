import { describe, expect, it } from 'vitest';
import {
  checkOrderRefund,
  checkReturnRefund,
  linePaid,
  NOTHING_REFUNDED,
  type ReturnLine,
} from '../../../main/station/refunds/checks';
import type { OrderLine } from '../../../main/feedamp/schemas';

const orderLine: OrderLine = {
  id: '11',
  sku: 'MUG-BLUE',
  quantity: 2,
  unit_price: 12.5,
  shipping_price: 4,
  taxes: [
    { type: 'ITEM', amount: 2 },
    { type: 'SHIPPING', amount: 0.4 },
  ],
};
const none = {
  quantity: 0,
  itemRefund: 0,
  itemTaxRefund: 0,
  shippingRefund: 0,
  shippingTaxRefund: 0,
  discountRefund: 0,
};
const order = (
  request: Parameters<typeof checkOrderRefund>[0]['request'],
  refunded = new Map(),
  override = false,
) =>
  checkOrderRefund({
    orderLabel: 'A-1',
    lines: [orderLine],
    currency: 'USD',
    request,
    refunded,
    override,
  });

describe('order refund checks', () => {
  it('knows what was paid for a line: items, their tax, shipping and its tax', () => {
    expect(linePaid(orderLine)).toMatchObject({
      quantity: 2,
      item: 25,
      itemTax: 2,
      shipping: 4,
      shippingTax: 0.4,
    });
  });

  it.each([
    [
      'the whole line',
      {
        ...none,
        lineId: '11',
        quantity: 2,
        itemRefund: 25,
        itemTaxRefund: 2,
        shippingRefund: 4,
        shippingTaxRefund: 0.4,
      },
      [],
    ],
    ['one unit of two', { ...none, lineId: '11', quantity: 1, itemRefund: 12.5 }, []],
  ])('lets %s through', (_name, line, expected) => {
    expect(order([line])).toEqual(expected);
  });

  it('refuses more than was paid, naming the line and the amounts, unless overridden', () => {
    const tooMuch = { ...none, lineId: '11', quantity: 1, itemRefund: 30 };
    const [problem] = order([tooMuch]);
    expect(problem).toMatch(/MUG-BLUE/);
    expect(problem).toMatch(/USD 30\.00/);
    expect(order([tooMuch], new Map(), true)).toEqual([]);
  });

  it('counts what earlier refunds already gave back', () => {
    const earlier = new Map([['11', { ...NOTHING_REFUNDED, quantity: 2, item: 25 }]]);
    expect(
      order([{ ...none, lineId: '11', quantity: 1, itemRefund: 1 }], earlier).length,
    ).toBeGreaterThan(0);
  });

  it('refuses a line that is not on the order, and a line listed twice', () => {
    expect(order([{ ...none, lineId: '99', quantity: 1, itemRefund: 1 }])).toEqual([
      'Line 99 is not part of order A-1.',
    ]);
    const line = { ...none, lineId: '11', quantity: 1, itemRefund: 1 };
    expect(order([line, line])).toEqual(['MUG-BLUE is listed twice — refund each line once.']);
  });
});

describe('return refund checks', () => {
  const returnLine: ReturnLine = {
    id: 'r1',
    sku: 'MUG-BLUE',
    quantity: 1,
    requested_refund: 12.5,
    feedamp_order_line_id: '11',
  };
  const check = (itemRefund: number, override = false, refunded = new Map()) =>
    checkReturnRefund({
      returnLabel: 'RMA-1',
      lines: [returnLine],
      orderLines: [orderLine],
      currency: 'USD',
      request: [{ lineId: 'r1', itemRefund }],
      refunded,
      override,
    });

  it('refunds up to what the customer asked for', () => {
    expect(check(12.5)).toEqual([]);
  });

  it('refuses more than was requested with a sentence, unless overridden', () => {
    expect(check(13)).toEqual([
      'MUG-BLUE: an item refund of USD 13.00 is more than the USD 12.50 requested — lower it, or override.',
    ]);
    expect(check(13, true)).toEqual([]);
  });

  it('asks for an amount or a full refund', () => {
    expect(check(0)).toEqual([
      'MUG-BLUE: enter an item or shipping refund, or choose a full refund.',
    ]);
  });
});
