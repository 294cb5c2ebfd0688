import { describe, expect, it } from 'vitest';
import {
  CANCELLATION_REASONS,
  NORMALIZED_ORDER_STATES,
  RETURN_TYPES,
} from '../../../common/feedamp-enums';
import { ORDER_REFUND_REASONS } from '../../../preload/api/returns';
import {
  CANCELLATION_REASON_LABELS,
  codeWords,
  labelOf,
  ORDER_REFUND_REASON_LABELS,
  ORDER_STATE_LABELS,
  orderNotes,
  orderStateLabel,
  readable,
  RETURN_TYPE_LABELS,
  returnTypeLabel,
} from '../../../renderer/components/labels';
import { describeEntry } from '../../../renderer/components/outbox/describe';

const CODE = /^[A-Z0-9]+(_[A-Z0-9]+)+$|^[a-z0-9]+(_[a-z0-9]+)+$/;

describe('label tables', () => {
  const tables: [string, readonly string[], Record<string, string>][] = [
    ['cancellation reasons', CANCELLATION_REASONS, CANCELLATION_REASON_LABELS],
    ['order refund reasons', ORDER_REFUND_REASONS, ORDER_REFUND_REASON_LABELS],
    ['order states', NORMALIZED_ORDER_STATES, ORDER_STATE_LABELS],
    ['return types', RETURN_TYPES, RETURN_TYPE_LABELS],
  ];
  it.each(tables)('every one of the %s has its own words, none a code', (_, values, table) => {
    for (const value of values) {
      const label = table[value];
      expect(label, value).toBeTruthy();
      expect(label, value).not.toMatch(CODE);
      expect(label, value).not.toBe(value);
    }
    // Two values a packer cannot tell apart would be one choice on screen.
    expect(new Set(values.map((v) => table[v])).size).toBe(values.length);
  });

  it('reads NO_RETURN, out_of_stock and AWAITING_SHIPMENT as words', () => {
    expect(returnTypeLabel('NO_RETURN')).toBe('No return (refund only)');
    expect(labelOf(CANCELLATION_REASON_LABELS, 'out_of_stock')).toBe('Out of stock');
    expect(orderStateLabel('AWAITING_SHIPMENT')).toBe('Awaiting shipment');
  });

  it('turns values FeedAMP adds later into words, and leaves words alone', () => {
    expect(orderStateLabel('PARTIALLY_SHIPPED')).toBe('Partially shipped');
    expect(readable('PENDING_AUTHORIZATION')).toBe('Pending authorization');
    expect(readable('item_not_as_described')).toBe('Item not as described');
    expect(readable('Arrived damaged')).toBe('Arrived damaged');
    expect(readable(undefined)).toBe('—');
    expect(orderStateLabel(undefined)).toBe('Unknown');
    expect(codeWords('wrong-item')).toBe('Wrong item');
  });
});

describe('order notes on one line', () => {
  it('puts the gift message first, then the delivery notes', () => {
    expect(orderNotes({ giftMessage: 'Happy birthday', deliveryNotes: 'Leave at door' })).toBe(
      'Gift: “Happy birthday” · Delivery: Leave at door',
    );
    expect(orderNotes({})).toBe('');
  });
});

describe('outbox descriptions a packer reads', () => {
  const orderId = '112233445566778899';
  it('names the order by the number the packer knows and the reason in words', () => {
    const text = describeEntry(
      { description: `Cancel 2 units of order ${orderId} (out_of_stock)`, orderId },
      'AMZ-114-1',
    );
    expect(text).toBe('Cancel 2 units of order AMZ-114-1 (Out of stock)');
  });
  it('never shows a FeedAMP id or an operation code', () => {
    const returnId = '998877665544332211';
    expect(describeEntry({ description: `Run "process" on return ${returnId}`, returnId })).toBe(
      'Authorize a return',
    );
    expect(
      describeEntry({
        description: `Ship 1 unit of order ${orderId} · USPS 9400111899223100001234`,
        orderId,
      }),
    ).toBe('Ship 1 unit of an order · USPS 9400111899223100001234');
    expect(
      describeEntry(
        { description: `Change shipment 123456789012345678 of order ${orderId}`, orderId },
        'W-77',
      ),
    ).toBe('Change shipment of order W-77');
  });
});
