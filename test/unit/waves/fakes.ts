// A station for the wave service's tests: cached orders in a map, each order's progress either
// untouched or complete, and the open path supplied by the test (a fake claim, or a real
// warehouse station's).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../main/log';
import type { CachedOrder } from '../../../main/station/orders/cache';
import { WaveService } from '../../../main/station/waves/service';
import { WaveStore } from '../../../main/station/waves/store';
import type { PackState } from '../../../preload/api/pack';

/** Order `id`: one unit of SKU-<id> (more lines of OTHER-<id>), ship-by the (10 + id % 10)th. */
export function cached(
  id: string,
  patch: Partial<CachedOrder['order']> = {},
  lines = 1,
): CachedOrder {
  return {
    order: {
      id,
      marketplace_order_number: `M-${id}`,
      marketplace_name: 'Amazon',
      normalized_marketplace_state: 'AWAITING_SHIPMENT',
      latest_ship_date: `2026-01-${String(10 + (Number(id) % 10)).padStart(2, '0')}T00:00:00Z`,
      order_lines: Array.from({ length: lines }, (_, i) => ({
        id: `${id}${i}`,
        sku: i === 0 ? `SKU-${id}` : `OTHER-${id}`,
        quantity: 1,
      })),
      ...patch,
    },
  };
}

export async function fakeStation(
  orders: CachedOrder[],
  open: (orderId: string) => Promise<void>,
  /** What reading the order from FeedAMP brings (a cancellation the sync has not seen). */
  fromFeedamp: (orderId: string) => CachedOrder | undefined = () => undefined,
) {
  const byId = new Map(orders.map((o) => [o.order.id, o]));
  const complete = new Set<string>();
  const opened: string[] = [];
  const store = await WaveStore.open(mkdtempSync(join(tmpdir(), 'packline-waves-')), silentLogger);
  const service = new WaveService({
    store,
    log: silentLogger,
    aliases: () => ({}),
    orders: {
      get: (id) => byId.get(id),
      all: () => byId.values(),
      index: {
        findLines: (orderId, code) =>
          (byId.get(orderId)?.order.order_lines ?? [])
            .filter((l) => l.sku?.toUpperCase() === code.trim().toUpperCase())
            .map((l) => l.id!),
      },
    },
    pack: {
      state: (orderId): PackState | undefined => {
        const entry = byId.get(orderId);
        if (!entry) return undefined;
        const done = complete.has(orderId);
        return {
          orderId,
          lines: (entry.order.order_lines ?? []).map((l) => ({
            lineId: l.id!,
            ordered: l.quantity ?? 0,
            shipped: done ? (l.quantity ?? 0) : 0,
            cancelled: 0,
            queued: 0,
            left: done ? 0 : (l.quantity ?? 0),
            excess: 0,
          })),
          records: [],
          complete: done,
        };
      },
      refresh: async (orderId) => {
        const fresh = fromFeedamp(orderId);
        if (fresh) byId.set(orderId, fresh);
        return true;
      },
      open: async (orderId) => {
        await open(orderId);
        opened.push(orderId);
      },
    },
  });
  const print = (ids: string[]) =>
    service.recordPickList(ids.map((orderId) => ({ orderId, number: `M-${orderId}` })));
  return { service, store, byId, complete, opened, print };
}
