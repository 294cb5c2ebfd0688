// The returns sync: returns as a synced record type (synced/sync.ts), beside the order sync.
// The first sync asks for the returns matching the station's filter imported within N days. List
// calls share the client's list budget with the order sync, so both together stay within 2
// requests a second. The Return model carries no change time, so the watermark is the station's
// clock when a sync started. Pages ask for the embedded order (include_order), so the desk sees
// the order and its prices offline.
import type { ReturnSyncStatus, ReturnsSettings } from '../../../preload/api/returns';
import { formatDateTime } from '../../feedamp/dates';
import type { ReturnsQuery } from '../../feedamp/schemas';
import type { Logger } from '../../log';
import type { SpreadOptions } from '../periodic';
import {
  SyncedRecords,
  type SyncedResource,
  type SyncedSource,
  type SyncedStatus,
} from '../synced/sync';
import type { CachedReturn, ReturnRecord } from './cache';
import type { ReturnStore } from './store';

export type ReturnSource = SyncedSource<ReturnsQuery, ReturnRecord>;

const PAGE_LIMIT = 250;
const DEFAULT_INTERVAL_MS = 120_000;
const DAY_MS = 86_400_000;

function baseQuery(filter: ReturnsSettings): ReturnsQuery {
  const query: ReturnsQuery = { limit: PAGE_LIMIT, include_order: true };
  if (filter.returnType) query.return_type = filter.returnType;
  return query;
}

/** Does a return still match the station's filter (an empty list means any). */
function matchesFilter(ret: ReturnRecord, f: ReturnsSettings): boolean {
  if (
    f.normalizedStates.length &&
    !f.normalizedStates.includes(ret.normalized_marketplace_state ?? '')
  )
    return false;
  if (f.marketplaceStates.length && !f.marketplaceStates.includes(ret.marketplace_state ?? ''))
    return false;
  if (f.returnType && ret.return_type !== f.returnType) return false;
  return true;
}

const returnResource: SyncedResource<ReturnRecord, CachedReturn, ReturnsSettings, ReturnsQuery> = {
  plural: 'returns',
  syncName: 'returns sync',
  entry: (ret, leftFilterAt) => (leftFilterAt ? { ret, leftFilterAt } : { ret }),
  recordOf: (entry) => entry.ret,
  // The same key the comma-separated settings of earlier versions gave, so an upgrade does not
  // start the returns cache over.
  filterKey: (f) =>
    JSON.stringify({
      s: [...f.normalizedStates].sort(),
      m: [...f.marketplaceStates].sort(),
      t: f.returnType,
      d: f.importedWithinDays,
    }),
  fullQuery(f, started) {
    const query: ReturnsQuery = {
      ...baseQuery(f),
      imported_after: formatDateTime(new Date(started.getTime() - f.importedWithinDays * DAY_MS)),
    };
    if (f.normalizedStates.length)
      query.normalized_marketplace_state = f.normalizedStates.join(',');
    if (f.marketplaceStates.length) query.marketplace_state = f.marketplaceStates.join(',');
    return query;
  },
  // No state filter: a return that left the filter must be seen to be marked.
  incrementalQuery: (f, changedAfter) => ({
    ...baseQuery(f),
    marketplace_state_changed_after: changedAfter,
  }),
  matches: matchesFilter,
};

function present(status: SyncedStatus, cachedReturns: number): ReturnSyncStatus {
  const { progress: _progress, lastReport, ...rest } = status;
  const out: ReturnSyncStatus = { ...rest, cachedReturns };
  if (lastReport) out.skipped = lastReport.skipped;
  return out;
}

export interface ReturnSyncDeps {
  store: ReturnStore;
  settings: () => ReturnsSettings;
  source: () => ReturnSource | undefined;
  log: Logger;
  now?: () => Date;
  intervalMs?: number;
  onStatus?: (status: ReturnSyncStatus) => void;
  /** Jitter of the wait after a 429 (tests pin it). */
  random?: () => number;
  /** How runs are spread in time (see Periodic; tests pin it). */
  spread?: SpreadOptions;
}

export class ReturnSync extends SyncedRecords<
  ReturnRecord,
  CachedReturn,
  ReturnsSettings,
  ReturnsQuery,
  ReturnSyncStatus
> {
  constructor(deps: ReturnSyncDeps) {
    super(returnResource, {
      ...deps,
      filter: deps.settings,
      intervalMs: () => deps.intervalMs ?? DEFAULT_INTERVAL_MS,
      present,
    });
  }
}
