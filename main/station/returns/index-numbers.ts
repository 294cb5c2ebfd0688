// Resolves a scanned or typed code to returns in constant time: every number a returned parcel
// or its paperwork may carry — the FeedAMP return id, the marketplace return number, the RMA,
// the merchant return number, the order's numbers (FeedAMP order id, marketplace and customer
// order numbers) and each line's return tracking number.
import { normaliseOrderNumber } from '../../../common/item-codes';
import type { ReturnRecord } from './cache';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The customer order number is not in the documented Return model; FeedAMP may still send it. */
export function customerOrderNumber(ret: ReturnRecord): string | undefined {
  return (
    text((ret as Record<string, unknown>).customer_order_number) ??
    text(ret.order?.customer_order_number)
  );
}

export function returnTrackingNumbers(ret: ReturnRecord): string[] {
  return [
    ...new Set(
      (ret.return_lines ?? [])
        .map((l) => text(l.tracking_info?.tracking_number))
        .filter((n): n is string => !!n),
    ),
  ];
}

function returnNumbers(ret: ReturnRecord): string[] {
  return [
    ret.id,
    ret.marketplace_return_number,
    ret.rma,
    ret.merchant_return_number,
    ret.marketplace_order_number,
    ret.order?.marketplace_order_number,
    customerOrderNumber(ret),
    ret.order_id,
    ...returnTrackingNumbers(ret),
  ].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

export class ReturnIndex {
  private readonly byNumber = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();

  add(ret: ReturnRecord): void {
    this.remove(ret.id);
    const keys = [...new Set(returnNumbers(ret).map(normaliseOrderNumber))].filter(Boolean);
    for (const key of keys) {
      let ids = this.byNumber.get(key);
      if (!ids) this.byNumber.set(key, (ids = new Set()));
      ids.add(ret.id);
    }
    this.keysOf.set(ret.id, keys);
  }

  remove(id: string): void {
    for (const key of this.keysOf.get(id) ?? []) {
      const ids = this.byNumber.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.byNumber.delete(key);
    }
    this.keysOf.delete(id);
  }

  clear(): void {
    this.byNumber.clear();
    this.keysOf.clear();
  }

  /** Every return carrying this number (an order may have several returns). */
  find(code: string): string[] {
    const key = normaliseOrderNumber(code.trim());
    return key ? [...(this.byNumber.get(key) ?? [])].sort() : [];
  }
}
