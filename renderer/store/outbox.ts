// The outbox as main reports it: counts (for the header, the tab and the badges), every entry's
// state (kept current from 'outbox.entry' events), and the packer's actions on it. Nothing here
// decides what is sent: main does; this slice only shows it and asks.
import { create } from 'zustand';
import {
  shipmentInputSchema,
  type OutboxCounts,
  type OutboxEntryView,
} from '../../preload/api/outbox';
import { BridgeError } from '../../preload/contract';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { count, PACKAGE, plural } from '../../common/format';

/** What an order carries in the outbox, for its badges in the Orders list. */
interface OrderOutboxFlags {
  /** Entries waiting or being sent. */
  queued: number;
  attention: number;
}

/** Progress of one "Upload now": how many of what waited at the click have left the queue. */
interface UploadProgress {
  total: number;
  done: number;
}

interface OutboxState {
  counts?: OutboxCounts;
  /** Open entries and those closed in the last day, by id. */
  entries: Record<string, OutboxEntryView>;
  byOrder: Record<string, OrderOutboxFlags>;
  loadError?: string;
  upload?: UploadProgress;
  /** The last action's failure or news, one sentence each. */
  error?: string;
  notice?: string;
  load: () => Promise<void>;
  listen: () => () => void;
  uploadNow: () => Promise<void>;
  retry: (id: string) => Promise<boolean>;
  discard: (id: string) => Promise<boolean>;
  fixShipment: (id: string, carrier: string, trackingNumber: string) => Promise<boolean>;
  /** An over-shipped package: queue the delete of this station's shipment on FeedAMP. */
  withdraw: (id: string) => Promise<boolean>;
  /** An over-shipped package stays on FeedAMP as it is (asked first on screen). */
  keepBoth: (id: string) => Promise<boolean>;
  clearMessages: () => void;
}

/** Entries that still have to reach FeedAMP (or wait for the packer). */
function waitingCount(counts: OutboxCounts | undefined): number {
  return counts ? counts.queued + counts.sending : 0;
}

export function openCount(counts: OutboxCounts | undefined): number {
  return counts ? counts.queued + counts.sending + counts.attention : 0;
}

/**
 * Where an entry is listed: its state, except that a sent package FeedAMP shows past its order
 * waits for the packer under "Needs attention" while it stays sent (it is on FeedAMP).
 */
export function sectionOf(entry: OutboxEntryView): OutboxEntryView['state'] {
  return entry.state === 'sent' && entry.overShipped ? 'attention' : entry.state;
}

function flagsByOrder(entries: Record<string, OutboxEntryView>): Record<string, OrderOutboxFlags> {
  const flags: Record<string, OrderOutboxFlags> = {};
  for (const e of Object.values(entries)) {
    if (!e.orderId) continue;
    const waiting = e.state === 'pending' || e.state === 'sending';
    if (!waiting && sectionOf(e) !== 'attention') continue;
    const f = (flags[e.orderId] ??= { queued: 0, attention: 0 });
    if (waiting) f.queued++;
    else f.attention++;
  }
  return flags;
}

/**
 * "N packages waiting to upload": a package is a shipment; anything else the packer queued
 * (a cancellation, a confirmation) is an "upload".
 */
export function waitingSentence(
  counts: OutboxCounts | undefined,
  entries: Record<string, OutboxEntryView>,
): string | undefined {
  const n = waitingCount(counts);
  if (n === 0) return undefined;
  const waiting = Object.values(entries).filter(
    (e) => e.state === 'pending' || e.state === 'sending',
  );
  const allShipments =
    waiting.length === n && waiting.every((e) => e.kind === 'fulfillment.create');
  return `${allShipments ? count(n, PACKAGE) : plural(n, 'upload', 'uploads')} waiting to upload`;
}

const outbox = {
  get: (): OutboxState => useOutboxStore.getState(),
  set: (patch: Partial<OutboxState>): void => useOutboxStore.setState(patch),
};

function putEntry(entry: OutboxEntryView): void {
  const entries = { ...outbox.get().entries, [entry.id]: entry };
  outbox.set({ entries, byOrder: flagsByOrder(entries) });
}

function setCounts(counts: OutboxCounts): void {
  const upload = outbox.get().upload;
  // Progress counts what has left the queue since the click (sent, or stopped for attention).
  const progress = upload && {
    total: upload.total,
    done: Math.min(upload.total, Math.max(upload.done, upload.total - waitingCount(counts))),
  };
  outbox.set({ counts, ...(progress ? { upload: progress } : {}) });
}

/** One action on an entry: its new state, or why it was refused. */
async function act(action: () => Promise<OutboxEntryView>): Promise<boolean> {
  outbox.set({ error: undefined, notice: undefined });
  try {
    putEntry(await action());
    return true;
  } catch (error) {
    outbox.set({ error: sentence(error) });
    return false;
  }
}

/** What the packer reads after "Upload now": all gone, or how many still wait and why. */
function afterUpload(counts: OutboxCounts): string {
  const left = waitingCount(counts);
  if (left === 0) return 'Everything waiting has been uploaded.';
  return counts.online
    ? `${left} still waiting; Packline keeps trying.`
    : `Still offline — ${left} waiting; they upload when FeedAMP answers again.`;
}

async function uploadNow(): Promise<void> {
  if (outbox.get().upload) return;
  const total = waitingCount(outbox.get().counts);
  outbox.set({ upload: { total, done: 0 }, error: undefined, notice: undefined });
  try {
    const counts = await bridge().call('outbox.uploadNow', {});
    setCounts(counts);
    outbox.set({ notice: afterUpload(counts) });
  } catch (error) {
    outbox.set({ error: sentence(error) });
  } finally {
    outbox.set({ upload: undefined });
  }
}

async function load(): Promise<void> {
  try {
    const [counts, { entries }] = await Promise.all([
      bridge().call('outbox.status', {}),
      bridge().call('outbox.list', {}),
    ]);
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
    outbox.set({ counts, entries: byId, byOrder: flagsByOrder(byId), loadError: undefined });
  } catch (error) {
    outbox.set({ loadError: sentence(error) });
  }
}

function fixShipment(id: string, carrier: string, trackingNumber: string): Promise<boolean> {
  return act(() => {
    const parsed = carrierOf(carrier);
    if (!parsed)
      return Promise.reject(new BridgeError('BAD_INPUT', 'Choose a carrier from the list.'));
    return bridge().call('outbox.fixShipment', { id, carrier: parsed, trackingNumber });
  });
}

async function withdraw(id: string): Promise<boolean> {
  const ok = await act(() => bridge().call('outbox.withdraw', { id }));
  if (ok)
    outbox.set({ notice: 'This package will be withdrawn from FeedAMP; it is queued to upload.' });
  return ok;
}

export const useOutboxStore = create<OutboxState>((set) => ({
  entries: {},
  byOrder: {},
  load,
  listen() {
    const offs = [bridge().on('outbox.counts', setCounts), bridge().on('outbox.entry', putEntry)];
    return () => offs.forEach((off) => off());
  },
  uploadNow,
  retry: (id) => act(() => bridge().call('outbox.retry', { id })),
  discard: (id) => act(() => bridge().call('outbox.discard', { id, confirmed: true })),
  fixShipment,
  withdraw,
  keepBoth: (id) => act(() => bridge().call('outbox.keepBoth', { id, confirmed: true })),
  clearMessages: () => set({ error: undefined, notice: undefined }),
}));

/** The carriers FeedAMP accepts, exactly as it spells them. */
export const CARRIER_NAMES = shipmentInputSchema.shape.carrier.options;
type CarrierName = (typeof CARRIER_NAMES)[number];

function carrierOf(name: string): CarrierName | undefined {
  return CARRIER_NAMES.find((c) => c === name);
}
