// The returns desk in the page: the cached returns and their filters, the return that is open,
// and `openByCode` — the door every scanned RMA, return label or order number goes through on
// the Returns screen. Writes (operations, refunds) are queued by main's outbox; the open return
// refetches when one of its outbox entries changes.
import { create } from 'zustand';
import type {
  ReturnRefundRequest,
  ReturnSummary,
  ReturnSyncStatus,
  ReturnView,
} from '../../preload/api/returns';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { useAppStore } from './app';
import { count, LINE } from '../../common/format';

const REFRESH_DEBOUNCE_MS = 250;

export interface ReturnFilter {
  text: string;
  state: string;
  type: string;
}

const NO_RETURN_FILTER: ReturnFilter = { text: '', state: '', type: '' };

export function returnLabel(r: Pick<ReturnSummary, 'rma' | 'marketplaceReturnNumber' | 'id'>) {
  return r.rma ?? r.marketplaceReturnNumber ?? r.id;
}

/** Every number and word a search may match, folded once per refresh. */
function haystack(r: ReturnSummary): string {
  return [
    r.id,
    r.rma,
    r.marketplaceReturnNumber,
    r.merchantReturnNumber,
    r.marketplaceOrderNumber,
    r.customerOrderNumber,
    r.orderId,
    r.customerName,
    r.marketplace,
    ...r.skus,
    ...r.trackingNumbers,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

export type ListedReturn = ReturnSummary & { search: string; respondByMs?: number };

export function filterReturns(returns: ListedReturn[], filter: ReturnFilter): ListedReturn[] {
  const text = filter.text.trim().toLowerCase();
  return returns.filter(
    (r) =>
      (!text || r.search.includes(text)) &&
      (!filter.state || r.state === filter.state) &&
      (!filter.type || r.returnType === filter.type),
  );
}

interface ReturnsState {
  returns: ListedReturn[];
  loaded: boolean;
  loadError?: string;
  status?: ReturnSyncStatus;
  filter: ReturnFilter;
  openId?: string;
  detail?: ReturnView;
  detailError?: string;
  scanMessage?: string;
  choices?: { code: string; ids: string[] };
  refresh: () => Promise<void>;
  listen: () => () => void;
  syncNow: () => Promise<void>;
  setFilter: (patch: Partial<ReturnFilter>) => void;
  open: (id: string) => Promise<void>;
  close: () => void;
  openByCode: (code: string) => Promise<void>;
  /** Resolves to a sentence for the person: what was queued, or why it was refused. */
  runOperation: (op: string) => Promise<{ ok: boolean; message: string }>;
  refund: (
    lines: ReturnRefundRequest['lines'],
    override: boolean,
  ) => Promise<{ ok: boolean; message: string }>;
}

const desk = {
  get: (): ReturnsState => useReturnsStore.getState(),
  set: (patch: Partial<ReturnsState>): void => useReturnsStore.setState(patch),
};

/** The list as the desk shows it: searchable, and the soonest "respond by" first. */
function listReturns(returns: readonly ReturnSummary[]): ListedReturn[] {
  return returns
    .map((r) => {
      const ms = r.respondBy ? Date.parse(r.respondBy) : NaN;
      return { ...r, search: haystack(r), ...(Number.isNaN(ms) ? {} : { respondByMs: ms }) };
    })
    .sort((a, b) => (a.respondByMs ?? Infinity) - (b.respondByMs ?? Infinity));
}

async function fetchDetail(id: string): Promise<void> {
  try {
    const detail = await bridge().call('returns.get', { id, includeOrder: true });
    if (desk.get().openId === id) desk.set({ detail, detailError: undefined });
  } catch (error) {
    if (desk.get().openId === id) desk.set({ detailError: sentence(error) });
  }
}

/**
 * Keeps the desk current: the list after sync changes it, the sync status, and the open return
 * when one of its outbox entries changes. A new session starts the desk over.
 */
function listen(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let detailTimer: ReturnType<typeof setTimeout> | undefined;
  const offs = [
    bridge().on('returns.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void desk.get().refresh(), REFRESH_DEBOUNCE_MS);
    }),
    bridge().on('returns.status', (status) => desk.set({ status })),
    bridge().on('outbox.entry', (entry) => {
      const id = desk.get().openId;
      if (!id || entry.returnId !== id) return;
      clearTimeout(detailTimer);
      detailTimer = setTimeout(() => void fetchDetail(id), REFRESH_DEBOUNCE_MS);
    }),
    bridge().on('session.changed', () => {
      desk.get().close();
      void desk.get().refresh();
    }),
  ];
  void desk.get().refresh();
  void bridge()
    .call('returns.status', {})
    .then((status) => desk.set({ status }))
    .catch(() => undefined);
  return () => {
    clearTimeout(timer);
    clearTimeout(detailTimer);
    offs.forEach((off) => off());
  };
}

/** A scanned RMA, return label or order number: opens its return, or lists those it fits. */
async function openByCode(raw: string): Promise<void> {
  const code = raw.trim();
  if (!code) return;
  desk.set({ scanMessage: undefined, choices: undefined });
  let returnIds: string[];
  try {
    ({ returnIds } = await bridge().call('returns.find', { code }));
  } catch (error) {
    desk.set({ scanMessage: sentence(error) });
    return;
  }
  const [only] = returnIds;
  if (returnIds.length === 0)
    desk.set({ scanMessage: `No return with number ${code} on this station.` });
  else if (returnIds.length === 1 && only) await desk.get().open(only);
  else {
    useAppStore.getState().go('returns');
    desk.get().close();
    desk.set({ choices: { code, ids: returnIds } });
  }
}

type Outcome = { ok: boolean; message: string };

/** A write for the open return: queued by main, then the return is read again. */
async function writeOpenReturn<T>(
  write: (returnId: string) => Promise<T>,
  queued: (answer: T) => string,
): Promise<Outcome> {
  const id = desk.get().openId;
  if (!id) return { ok: false, message: 'Open a return first.' };
  try {
    const answer = await write(id);
    void fetchDetail(id);
    return { ok: true, message: queued(answer) };
  } catch (error) {
    return { ok: false, message: sentence(error) };
  }
}

export const useReturnsStore = create<ReturnsState>((set, get) => ({
  returns: [],
  loaded: false,
  filter: NO_RETURN_FILTER,
  async refresh() {
    try {
      const { returns } = await bridge().call('returns.list', {});
      set({ returns: listReturns(returns), loaded: true, loadError: undefined });
    } catch (error) {
      set({ loadError: sentence(error) });
    }
  },
  listen,
  async syncNow() {
    try {
      set({ status: await bridge().call('returns.sync', {}) });
    } catch (error) {
      set({ loadError: sentence(error) });
    }
  },
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  async open(id) {
    useAppStore.getState().go('returns');
    set({ openId: id, detail: undefined, detailError: undefined, choices: undefined });
    await fetchDetail(id);
  },
  close() {
    set({ openId: undefined, detail: undefined, detailError: undefined });
  },
  openByCode,
  runOperation: (op) =>
    writeOpenReturn(
      (returnId) => bridge().call('returns.operation', { returnId, op, body: {} }),
      (entry) => `Queued: ${entry.description}. It uploads in the background.`,
    ),
  refund: (lines, override) =>
    writeOpenReturn(
      (returnId) => bridge().call('returns.refund', { returnId, lines, override }),
      () => `Refund of ${count(lines.length, LINE)} queued. It uploads in the background.`,
    ),
}));
