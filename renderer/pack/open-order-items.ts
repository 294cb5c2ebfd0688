// The open order's own item codes, matched on the page. An item of the open order is the scan a
// packer makes most, and main's answer to it is fixed: after a wave code, an item of the open
// order wins over every other meaning (an order number, a tracking number), and the line's own
// SKU or barcode is one unit. So the page answers it itself, by the same keys main indexes, and
// the box updates in the frame after the scan instead of after a round trip to main. Everything
// else — learned aliases and cases, orders, tracking numbers, unknown codes — is main's to say.
import { itemCodeKeys } from '../../common/item-codes';
import { parseWaveCode } from '../../common/wave-code';
import type { OrderView } from '../../preload/api/orders';
import type { ScanResult } from '../../preload/api/pack';

type ItemAnswer = Extract<ScanResult, { kind: 'item' }>;

/** Item key → the order's lines carrying it, built once per order as the page received it. */
const keysByOrder = new WeakMap<OrderView, Map<string, string[]>>();

function itemKeys(order: OrderView): Map<string, string[]> {
  let keys = keysByOrder.get(order);
  if (keys) return keys;
  keys = new Map();
  for (const line of order.lines) {
    const codes = [line.sku, ...line.codes].filter((c): c is string => !!c);
    for (const key of new Set(codes.flatMap(itemCodeKeys))) {
      const lines = keys.get(key) ?? [];
      if (!lines.includes(line.id)) lines.push(line.id);
      keys.set(key, lines);
    }
  }
  keysByOrder.set(order, keys);
  return keys;
}

/** Main's answer to `code` when it is one of the open order's own item codes; else undefined. */
export function itemOfOpenOrder(
  order: OrderView | undefined,
  code: string,
): ItemAnswer | undefined {
  if (!order || parseWaveCode(code) !== undefined) return undefined;
  const keys = itemKeys(order);
  for (const key of itemCodeKeys(code)) {
    const lineIds = keys.get(key);
    if (lineIds) return { kind: 'item', code, orderId: order.id, lineIds: [...lineIds] };
  }
  return undefined;
}
