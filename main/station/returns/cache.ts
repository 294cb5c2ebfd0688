// The station's returns cache: every return the desk may handle, on disk, loaded at start so a
// parcel can be looked up with no network (storage/synced-cache.ts, as for orders).
import { z } from 'zod';
import { Return } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import { SyncedCache } from '../storage/synced-cache';

export type ReturnRecord = Return & { id: string };

export interface CachedReturn {
  ret: ReturnRecord;
  /** Set when the return stopped matching the returns filter (refunded, closed…). */
  leftFilterAt?: string | undefined;
}

export type ReturnCache = SyncedCache<CachedReturn>;

// Returns are few next to orders: read back, each is checked against the full schema again.
const cachedReturnSchema = z.object({
  ret: Return.and(z.object({ id: z.string() })),
  leftFilterAt: z.string().optional(),
}) as unknown as z.ZodType<CachedReturn>;

export function openReturnCache(dir: string, log: Logger): Promise<ReturnCache> {
  return SyncedCache.open({
    dir,
    name: 'returns',
    entrySchema: cachedReturnSchema,
    keyOf: (entry) => entry.ret.id,
    log,
    compactAfterBytes: 8 * 1024 * 1024,
  });
}
