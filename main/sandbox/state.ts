// The sandbox's in-memory store: the persisted data plus indexes rebuilt from it, and the
// FeedAMP rules that depend only on data (units left on a line, the order state they imply).
import type { NormalizedOrderState } from '../../common/feedamp-enums';
import { compareIds, idAfter } from './ids';
import type {
  LineQuantity,
  SandboxData,
  StoredOrder,
  StoredReturn,
  WriteKind,
  WriteOrigin,
  WriteRecord,
} from './model';

/** Writes the admin surface lists; capped so a long demo cannot grow memory without bound. */
const MAX_WRITES = 50_000;

/** Switches a test flips through `/__admin/settings`; not persisted, `POST /reset` restores them. */
export interface SandboxSettings {
  /**
   * When false, fulfillments and cancellations for more units than are left are accepted:
   * FeedAMP may not refuse an over-shipment, and the client must cope when it does not.
   */
  enforceQuantities: boolean;
}

export const DEFAULT_SETTINGS: Readonly<SandboxSettings> = { enforceQuantities: true };

export class SandboxStore {
  data: SandboxData;
  settings: SandboxSettings = { ...DEFAULT_SETTINGS };
  private ordersById = new Map<string, StoredOrder>();
  private returnsById = new Map<string, StoredReturn>();
  private refundNumbers = new Set<string>();
  private listeners: (() => void)[] = [];

  constructor(data: SandboxData) {
    this.data = data;
    this.reindex();
  }

  replace(data: SandboxData): void {
    this.data = data;
    this.reindex();
    this.changed();
  }

  private reindex(): void {
    this.data.orders.sort((a, b) => compareIds(a.id, b.id));
    this.data.returns.sort((a, b) => compareIds(a.id, b.id));
    this.ordersById = new Map(this.data.orders.map((o) => [o.id, o]));
    this.returnsById = new Map(this.data.returns.map((r) => [r.id, r]));
    this.refundNumbers = new Set(
      this.data.orders.flatMap((o) => o.refunds.map((r) => String(r.body.cp_refund_number))),
    );
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  nextId(): string {
    this.data.lastId = idAfter(this.data.lastId);
    return this.data.lastId;
  }

  /** Orders sorted by id (= creation order); new orders always get the largest id. */
  get orders(): readonly StoredOrder[] {
    return this.data.orders;
  }

  get returns(): readonly StoredReturn[] {
    return this.data.returns;
  }

  order(id: string): StoredOrder | undefined {
    return this.ordersById.get(id);
  }

  returnById(id: string): StoredReturn | undefined {
    return this.returnsById.get(id);
  }

  addOrder(order: StoredOrder): void {
    const last = this.data.orders[this.data.orders.length - 1];
    this.data.orders.push(order);
    if (last && compareIds(last.id, order.id) > 0) this.reindex();
    else this.ordersById.set(order.id, order);
    this.changed();
  }

  addReturn(ret: StoredReturn): void {
    this.data.returns.push(ret);
    this.returnsById.set(ret.id, ret);
    this.changed();
  }

  hasRefundNumber(cpRefundNumber: string): boolean {
    return this.refundNumbers.has(cpRefundNumber);
  }

  rememberRefundNumber(cpRefundNumber: string): void {
    this.refundNumbers.add(cpRefundNumber);
  }

  recordWrite(entry: Omit<WriteRecord, 'seq' | 'by'> & { by?: WriteOrigin }): void {
    const last = this.data.writes[this.data.writes.length - 1];
    this.data.writes.push({ seq: (last?.seq ?? 0) + 1, ...entry, by: entry.by ?? 'seller' });
    if (this.data.writes.length > MAX_WRITES) this.data.writes.splice(0, 1000);
    this.changed();
  }

  writeCounts(): Record<WriteKind, number> {
    const counts: Record<WriteKind, number> = {
      fulfillment: 0,
      cancellation: 0,
      refund: 0,
      confirm: 0,
      operation: 0,
      return_refund: 0,
      return_operation: 0,
    };
    for (const w of this.data.writes) counts[w.kind] += 1;
    return counts;
  }
}

export interface LineUsage {
  shipped: number;
  cancelled: number;
}

/** Units shipped and cancelled per line, optionally ignoring one record being replaced. */
export function lineUsage(order: StoredOrder, excludeRecordId?: string): Map<string, LineUsage> {
  const usage = new Map<string, LineUsage>(
    order.lines.map((l) => [l.id, { shipped: 0, cancelled: 0 }]),
  );
  const add = (lines: LineQuantity[], key: keyof LineUsage): void => {
    for (const l of lines) {
      const u = usage.get(l.line_id);
      if (u) u[key] += l.quantity;
    }
  };
  for (const f of order.fulfillments) if (f.id !== excludeRecordId) add(f.lines, 'shipped');
  for (const c of order.cancellations) if (c.id !== excludeRecordId) add(c.lines, 'cancelled');
  return usage;
}

/** ordered − shipped − cancelled, per line id. */
export function unitsLeft(order: StoredOrder, excludeRecordId?: string): Map<string, number> {
  const usage = lineUsage(order, excludeRecordId);
  return new Map(
    order.lines.map((l) => {
      const u = usage.get(l.id) ?? { shipped: 0, cancelled: 0 };
      return [l.id, l.quantity - u.shipped - u.cancelled];
    }),
  );
}

const MARKETPLACE_STATE_TEXT: Record<NormalizedOrderState, string> = {
  PENDING: 'Pending',
  AWAITING_ACKNOWLEDGEMENT: 'Created',
  AWAITING_SHIPMENT: 'Acknowledged',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
  MISSING: 'Unknown',
  UNRECOGNIZED: 'Unrecognized',
};

export function marketplaceStateText(state: NormalizedOrderState): string {
  return MARKETPLACE_STATE_TEXT[state];
}

export function setOrderState(
  order: StoredOrder,
  state: NormalizedOrderState,
  now: number,
  byMarketplace: boolean,
  marketplaceState?: string,
): void {
  const text = marketplaceState ?? marketplaceStateText(state);
  if (order.normalized_marketplace_state !== state || order.marketplace_state !== text) {
    order.stateChangedAt = now;
  }
  order.normalized_marketplace_state = state;
  order.marketplace_state = text;
  order.stateSetByMarketplace = byMarketplace;
  if (state === 'SHIPPED') order.workflow_status = 'FULFILLED';
  else if (state === 'CANCELLED') order.workflow_status = 'CANCELLED';
  order.updatedAt = now;
}

/**
 * After a seller write: an order whose every unit is shipped or cancelled leaves
 * AWAITING_SHIPMENT (SHIPPED, or CANCELLED when nothing shipped); undoing a write (PUT or
 * DELETE) brings a state the lines decided back to AWAITING_SHIPMENT. States the marketplace
 * chose are left alone. Any fulfillment or cancellation counts as a marketplace state change
 * for `marketplace_state_changed_at`, so a client syncing by that date sees every write.
 */
export function afterSellerWrite(order: StoredOrder, now: number): void {
  order.stateChangedAt = now;
  order.updatedAt = now;
  if (order.stateSetByMarketplace && order.normalized_marketplace_state !== 'AWAITING_SHIPMENT')
    return;
  const usage = lineUsage(order);
  let left = 0;
  let shipped = 0;
  for (const line of order.lines) {
    const u = usage.get(line.id) ?? { shipped: 0, cancelled: 0 };
    // An over-shipped line (quantity check switched off) must not hide units left on another.
    left += Math.max(0, line.quantity - u.shipped - u.cancelled);
    shipped += u.shipped;
  }
  const next: NormalizedOrderState =
    left > 0 ? 'AWAITING_SHIPMENT' : shipped > 0 ? 'SHIPPED' : 'CANCELLED';
  setOrderState(order, next, now, false);
  if (next === 'AWAITING_SHIPMENT') order.workflow_status = 'SENT_FOR_FULFILLMENT';
  order.stateChangedAt = now;
}
