// Batch shipments from a CSV file: every row is checked against the cached orders before
// anything is queued (unknown order, unknown SKU, more than is left, bad carrier, bad date);
// valid rows become one fulfillment per order and tracking number.
import { parse } from 'csv-parse/sync';
import type { CsvRowView } from '../../../preload/api/outbox';
import { CARRIERS, type Carrier } from '../../../common/feedamp-enums';
import { formatDateTime, parseDateTime } from '../../feedamp/dates';
import type { Order } from '../../feedamp/schemas';
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

interface CsvPackage {
  orderId: string;
  /** As the file names the order (for what the packer reads back). */
  orderNumber: string;
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

type ColumnIndex = Record<Column, number>;
/** Units of each line of each order this file ships so far: orderId → lineId → units. */
type UsedInFile = Map<string, Map<string, number>>;

function columnIndex(headerRow: string[]): ColumnIndex {
  const header = headerRow.map((h) => h.toLowerCase());
  const index = {} as ColumnIndex;
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    index[column] = header.findIndex((h) => names.includes(h));
  }
  return index;
}

function readRow(cells: string[], index: ColumnIndex, rowNumber: number): CsvRowView {
  const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? '') : '');
  return {
    row: rowNumber,
    orderNumber: cell('orderNumber'),
    item: cell('item'),
    quantity: cell('quantity'),
    carrier: cell('carrier'),
    trackingNumber: cell('trackingNumber'),
    shipDate: cell('shipDate'),
    errors: [],
  };
}

/** The row's own fields, each judged alone; their errors go on the row. */
function checkFields(row: CsvRowView): {
  quantity: number;
  carrier: Carrier | undefined;
  date: string | undefined | null;
} {
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
  return { quantity, carrier, date };
}

/** The one order the row names, or undefined (with the reason on the row). */
function findOrderId(row: CsvRowView, orders: OrderStore): string | undefined {
  const ids = orders.index.findOrders(row.orderNumber);
  if (ids.length === 0)
    row.errors.push(`No order ${row.orderNumber} on this station (sync first?)`);
  else if (ids.length > 1)
    row.errors.push(
      `Order number ${row.orderNumber} matches ${ids.length} orders; use the FeedAMP order id`,
    );
  return ids.length === 1 ? ids[0]! : undefined;
}

/**
 * Checks the row against its order and, when nothing is wrong with it, sets the line its units
 * go on: the first of the matching lines with room for them, after the file's earlier rows.
 */
function placeOnLine(
  row: CsvRowView,
  orderId: string,
  order: Order,
  quantity: number,
  orders: OrderStore,
  leftOf: (orderId: string) => Map<string, number>,
  used: UsedInFile,
): void {
  row.orderId = orderId;
  const handsOff = marketplaceFulfilledMessage(order);
  if (handsOff) row.errors.push(handsOff);
  if (order.normalized_marketplace_state === 'CANCELLED')
    row.errors.push(`Order ${row.orderNumber} was cancelled by the marketplace`);
  const byId = order.order_lines?.find((l) => l.id === row.item);
  const lineIds = byId?.id ? [byId.id] : orders.index.findLines(orderId, row.item);
  if (lineIds.length === 0) row.errors.push(`${row.item} is not on order ${row.orderNumber}`);
  if (lineIds.length === 0 || row.errors.length > 0) return;
  const inFile = used.get(orderId) ?? new Map<string, number>();
  const before = leftOf(orderId);
  const leftOn = (id: string) =>
    (before.get(id) ?? order.order_lines?.find((l) => l.id === id)?.quantity ?? 0) -
    (inFile.get(id) ?? 0);
  const lineId = lineIds.find((id) => leftOn(id) >= quantity);
  if (!lineId) {
    const left = Math.max(0, leftOn(lineIds[0]!));
    row.errors.push(
      `Only ${left} of ${row.item} left on order ${row.orderNumber}; ${quantity} is too many`,
    );
    return;
  }
  row.lineId = lineId;
  inFile.set(lineId, (inFile.get(lineId) ?? 0) + quantity);
  used.set(orderId, inFile);
}

/** Rows of one order, carrier, tracking number and date are one package. */
function addToPackage(
  groups: Map<string, CsvPackage>,
  row: CsvRowView & { lineId: string },
  orderId: string,
  carrier: Carrier,
  date: string | undefined,
  quantity: number,
): void {
  const key = JSON.stringify([orderId, carrier, row.trackingNumber, date ?? '']);
  const pkg = groups.get(key) ?? {
    orderId,
    orderNumber: row.orderNumber,
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
  const index = columnIndex(records[0] ?? []);
  const missing = REQUIRED.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    return {
      rows: [],
      packages: [],
      fileError: `The first row must name the columns; missing: ${missing.map((c) => COLUMNS[c][0]).join(', ')}. See assets/sample-shipments.csv.`,
    };
  }
  const used: UsedInFile = new Map();
  const groups = new Map<string, CsvPackage>();
  const rows = records.slice(1).map((cells, i) => {
    const row = readRow(cells, index, i + 2);
    const { quantity, carrier, date } = checkFields(row);
    const orderId = findOrderId(row, orders);
    const order = orderId ? orders.get(orderId)?.order : undefined;
    if (order && orderId) placeOnLine(row, orderId, order, quantity, orders, leftOf, used);
    if (row.errors.length === 0 && orderId && row.lineId && carrier)
      addToPackage(
        groups,
        { ...row, lineId: row.lineId },
        orderId,
        carrier,
        date ?? undefined,
        quantity,
      );
    return row;
  });
  return { rows, packages: [...groups.values()] };
}
