// The station's order cache: every order it may pack, on disk, loaded at start so packing works
// with no network (storage/synced-cache.ts).
import { z } from 'zod';
import type { Order } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { SyncedCache } from '../storage/synced-cache';

export interface CachedOrder {
  order: Order & { id: string };
  /** Set when the order stopped matching the sync filter (shipped elsewhere, cancelled…). */
  leftFilterAt?: string | undefined;
}

export type OrderCache = SyncedCache<CachedOrder>;

// Orders were checked against FeedAMP's full schema when they arrived. Read back from disk they
// are checked for the shape the station relies on (ids, lines, states) — a full re-check of
// 10k orders would cost most of the 500 ms start-up budget — and kept as read (keepInput).
// Plain (stripping) objects, not loose ones: the objects kept are the ones read, so zod's copy
// is thrown away, and a loose copy walks every field of every order (a third of the load).
const storedLineSchema = z.object({
  id: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().nullish(),
});
const storedOrderSchema = z.object({
  id: z.string(),
  order_lines: z.array(storedLineSchema).nullish(),
  normalized_marketplace_state: z.string().nullish(),
  marketplace_state_changed_at: z.string().nullish(),
}) as unknown as z.ZodType<Order & { id: string }>;

const cachedOrderSchema = z.object({
  order: storedOrderSchema,
  leftFilterAt: z.string().optional(),
}) as z.ZodType<CachedOrder>;

/** Starts loading the cache and returns at once (see SyncedCache.load). */
export function loadOrderCache(dir: string, log: Logger): OrderCache {
  return SyncedCache.load({
    dir,
    name: 'orders',
    entrySchema: cachedOrderSchema,
    keyOf: (entry) => entry.order.id,
    log,
    keepInput: true,
  });
}
