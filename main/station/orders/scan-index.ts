// Resolves a scanned or typed code in constant time: every order number a label may carry
// (FeedAMP id, marketplace, customer and merchant numbers) and, per order, every item code of
// its lines (SKU, UPC/EAN as GTIN-14, learned aliases). Kept in step with the cache.
import type { Order, OrderLine } from '../../feedamp/schemas';
import { itemCodeKeys, normaliseOrderNumber, normaliseSku } from '../../../common/item-codes';

/** Line properties that may carry a barcode; FeedAMP leaves them to the marketplace. */
const BARCODE_PROPERTIES = ['upc', 'ean', 'gtin', 'barcode', 'isbn'];

export function lineBarcodes(line: OrderLine): string[] {
  const props = line.order_line_additional_properties ?? {};
  const codes: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (
      BARCODE_PROPERTIES.includes(key.toLowerCase()) &&
      (typeof value === 'string' || typeof value === 'number')
    ) {
      codes.push(String(value));
    }
  }
  return codes;
}

function orderNumbers(order: Order): string[] {
  return [
    order.id,
    order.marketplace_order_number,
    order.customer_order_number,
    order.merchant_order_number,
  ].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

export class ScanIndex {
  /** normalised order number → order ids (numbers are unique per marketplace, not globally). */
  private readonly byNumber = new Map<string, Set<string>>();
  /**
   * order id → (item key → line ids), built the first time an order's items are looked up:
   * item codes are only ever resolved on the open order, and building every order's map at
   * start would cost a quarter of the start-up budget for 10k orders.
   */
  private readonly linesByOrder = new Map<string, Map<string, string[]>>();
  private readonly ordersById = new Map<string, Order & { id: string }>();
  /** order id → the number keys it registered, so an update can remove them. */
  private readonly numbersOf = new Map<string, string[]>();

  add(order: Order & { id: string }): void {
    // Most adds (the whole cache at start, a first sync) are of orders not yet indexed.
    if (this.ordersById.has(order.id)) this.remove(order.id);
    const keys: string[] = [];
    for (const number of orderNumbers(order)) {
      const key = normaliseOrderNumber(number);
      if (!keys.includes(key)) keys.push(key);
    }
    for (const key of keys) {
      let ids = this.byNumber.get(key);
      if (!ids) this.byNumber.set(key, (ids = new Set()));
      ids.add(order.id);
    }
    this.numbersOf.set(order.id, keys);
    this.ordersById.set(order.id, order);
  }

  private itemsOf(orderId: string): Map<string, string[]> | undefined {
    const built = this.linesByOrder.get(orderId);
    if (built) return built;
    const order = this.ordersById.get(orderId);
    if (!order) return undefined;
    const items = new Map<string, string[]>();
    for (const line of order.order_lines ?? []) {
      if (!line.id) continue;
      const codes = [line.sku, ...lineBarcodes(line)].filter((c): c is string => !!c);
      for (const key of new Set(codes.flatMap(itemCodeKeys))) {
        const lines = items.get(key) ?? [];
        if (!lines.includes(line.id)) lines.push(line.id);
        items.set(key, lines);
      }
    }
    this.linesByOrder.set(orderId, items);
    return items;
  }

  remove(orderId: string): void {
    for (const key of this.numbersOf.get(orderId) ?? []) {
      const ids = this.byNumber.get(key);
      ids?.delete(orderId);
      if (ids?.size === 0) this.byNumber.delete(key);
    }
    this.numbersOf.delete(orderId);
    this.linesByOrder.delete(orderId);
    this.ordersById.delete(orderId);
  }

  clear(): void {
    this.byNumber.clear();
    this.linesByOrder.clear();
    this.numbersOf.clear();
    this.ordersById.clear();
  }

  /** Orders whose any number equals `code` (trimmed, case-insensitive). */
  findOrders(code: string): string[] {
    return [...(this.byNumber.get(normaliseOrderNumber(code)) ?? [])];
  }

  /**
   * Lines of one order that `code` picks: by SKU, barcode (any GTIN form), or a learned alias
   * (aliases: normalised code → SKU).
   */
  findLines(orderId: string, code: string, aliases: Record<string, string> = {}): string[] {
    const items = this.itemsOf(orderId);
    if (!items) return [];
    for (const key of itemCodeKeys(code)) {
      const lines = items.get(key);
      if (lines) return [...lines];
    }
    // A learned GTIN is stored under its GTIN-14 key too, so any GTIN form of it finds its SKU.
    for (const key of itemCodeKeys(code)) {
      const aliasSku = aliases[key];
      if (aliasSku) return [...(items.get(normaliseSku(aliasSku)) ?? [])];
    }
    return [];
  }
}
