import { describe, expect, it } from 'vitest';
import { lineTotal } from '../../../renderer/components/refunds/OrderRefundDialog';

const draft = (chosen: boolean, amounts: Partial<Record<string, string>>) => ({
  chosen,
  quantity: '1',
  notes: '',
  amounts: { item: '', itemTax: '', shipping: '', shippingTax: '', discount: '', ...amounts },
});

describe('the refund form running total', () => {
  it('adds item, tax and shipping of the ticked lines; the discount is not money back', () => {
    expect(
      lineTotal(draft(true, { item: '19.99', itemTax: '1.60', shipping: '4.5', discount: '2' })),
    ).toBeCloseTo(26.09);
    expect(lineTotal(draft(false, { item: '19.99' }))).toBe(0);
  });
  it('has no total while an amount is not a number', () => {
    expect(lineTotal(draft(true, { item: '12,50' }))).toBeUndefined();
  });
});
