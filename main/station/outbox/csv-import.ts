// Batch shipments from a CSV file: every row is checked against the cached orders before
// anything is queued (unknown order, unknown SKU, more than is left, bad carrier, bad date);
// valid rows become one fulfillment per order and tracking number.
import { parse } from 'csv-parse/sync';
import type { CsvRowView } from '../../../preload/api/outbox';
import { CARRIERS, type Carrier } from '../../../common/feedamp-enums';
import { formatDateTime, parseDateTime } from '../../feedamp/dates';
import type { OrderStore } from '../orders/store';
import { marketplaceFulfilledMessage } from '../packing/marketplace-fulfilled';

const COLUMNS = {
  orderNumber: ['order_number', 'order', 'order number', 'order_no'],
  item: ['sku', 'line_id', 'item', 'item_code', 'sku_or_line_id'],
  quantity: ['quantity', 'qty'],
  carrier: ['carrier'],
  trackingNumber: ['tracking_number', 'tracking', 'tracking number'],
  shipDate: ['ship_date', 'shipped_date', 'ship date', 'date'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['orderNumber', 'item', 'quantity', 'carrier', 'trackingNumber'];

export interface CsvPackage {
  orderId: string;
  carrier: Carrier;
  trackingNumber: string;
  shippedDate?: string | undefined;
  lines: { lineId: string; quantity: number }[];
}

export interface CsvPlan {
  rows: CsvRowView[];
  packages: CsvPackage[];
  fileError?: string;
}

function carrierNamed(text: string): Carrier | undefined {
  const wanted = text.trim().toLowerCase();
  return CARRIERS.find((c) => c.toLowerCase() === wanted);
}

function shipDate(text: string): string | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  // A bare date means that day at noon local time: the shipment's day stays the same in any zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(t) ? new Date(`${t}T12:00:00`) : parseDateTime(t);
  return date && !Number.isNaN(date.getTime()) ? formatDateTime(date) : null;
}

/**
 * @param leftOf units left on each line of an order before this file: what FeedAMP last said
 *   was shipped or cancelled and what waits in the outbox, as the Pack screen counts them
 */
export function planCsvImport(
  text: string,
  orders: OrderStore,
  leftOf: (orderId: string) => Map<string, number>,
): CsvPlan {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    return {
      rows: [],
      packages: [],
      fileError: `The file is not valid CSV: ${(error as Error).message}`,
    };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const index = {} as Record<Column, number>;
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    index[column] = header.findIndex((h) => names.includes(h));
  }
  const missing = REQUIRED.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    return {
      rows: [],
      packages: [],
      fileError: `The first row must name the columns; missing: ${missing.map((c) => COLUMNS[c][0]).join(', ')}. See assets/sample-shipments.csv.`,
    };
  }
  const used = new Map<string, Map<string, number>>(); // orderId → line → units in this file
  const groups = new Map<string, CsvPackage>();
  const rows: CsvRowView[] = records.slice(1).map((cells, i) => {
    const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? '') : '');
    const row: CsvRowView = {
      row: i + 2,
      orderNumber: cell('orderNumber'),
      item: cell('item'),
      quantity: cell('quantity'),
      carrier: cell('carrier'),
      trackingNumber: cell('trackingNumber'),
      shipDate: cell('shipDate'),
      errors: [],
    };
    const quantity = Number(row.quantity);
    if (!/^\d+$/.test(row.quantity) || quantity < 1)
      row.errors.push(`Quantity "${row.quantity}" is not a whole number of units`);
    const carrier = carrierNamed(row.carrier);
    if (!carrier)
      row.errors.push(
        `Carrier "${row.carrier}" is not one FeedAMP knows (for example UPS, FedEx, USPS)`,
      );
    if (!row.trackingNumber) row.errors.push('Tracking number is empty');
    const date = shipDate(row.shipDate);
    if (date === null)
      row.errors.push(
        `Ship date "${row.shipDate}" is not a date (use 2026-11-22 or 2026-11-22T14:30:00-05:00)`,
      );

    const ids = orders.index.findOrders(row.orderNumber);
    if (ids.length === 0)
      row.errors.push(`No order ${row.orderNumber} on this station (sync first?)`);
    else if (ids.length > 1)
      row.errors.push(
        `Order number ${row.orderNumber} matches ${ids.length} orders; use the FeedAMP order id`,
      );
    const orderId = ids.length === 1 ? ids[0]! : undefined;
    const order = orderId ? orders.get(orderId)?.order : undefined;
    if (order && orderId) {
      row.orderId = orderId;
      const handsOff = marketplaceFulfilledMessage(order);
      if (handsOff) row.errors.push(handsOff);
      if (order.normalized_marketplace_state === 'CANCELLED')
        row.errors.push(`Order ${row.orderNumber} was cancelled by the marketplace`);
      const byId = order.order_lines?.find((l) => l.id === row.item);
      const lineIds = byId?.id ? [byId.id] : orders.index.findLines(orderId, row.item);
      if (lineIds.length === 0) row.errors.push(`${row.item} is not on order ${row.orderNumber}`);
      else if (row.errors.length === 0) {
        const inFile = used.get(orderId) ?? new Map<string, number>();
        const before = leftOf(orderId);
        const leftOn = (id: string) =>
          (before.get(id) ?? order.order_lines?.find((l) => l.id === id)?.quantity ?? 0) -
          (inFile.get(id) ?? 0);
        // The first of the matching lines with room for these units.
        const lineId = lineIds.find((id) => {
          return leftOn(id) >= quantity;
        });
        if (!lineId) {
          const id = lineIds[0]!;
          const left = Math.max(0, leftOn(id));
          row.errors.push(
            `Only ${left} of ${row.item} left on order ${row.orderNumber}; ${quantity} is too many`,
          );
        } else {
          row.lineId = lineId;
          inFile.set(lineId, (inFile.get(lineId) ?? 0) + quantity);
          used.set(orderId, inFile);
        }
      }
    }
    if (row.errors.length === 0 && orderId && row.lineId && carrier) {
      const key = JSON.stringify([orderId, carrier, row.trackingNumber, date ?? '']);
      const pkg = groups.get(key) ?? {
        orderId,
        carrier,
        trackingNumber: row.trackingNumber,
        shippedDate: date ?? undefined,
        lines: [],
      };
      const line = pkg.lines.find((l) => l.lineId === row.lineId);
      if (line) line.quantity += quantity;
      else pkg.lines.push({ lineId: row.lineId, quantity });
      groups.set(key, pkg);
    }
    return row;
  });
  return { rows, packages: [...groups.values()] };
}
