// The Pack screen's state: the open order and its progress (from main), the box being packed,
// the package (carrier, tracking), and what the last scan did. Every scan on the Pack screen comes
// through `scan`, one at a time and in order, however fast the scanner fires.
import { create } from 'zustand';
import type { OrderView } from '../../preload/api/orders';
import type {
  CarrierCandidateView,
  LineProgressView,
  PackRecord,
  PackState,
  ScanResult,
} from '../../preload/api/pack';
import type { CancellationReason, Carrier } from '../../preload/api/pack';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import { parseQuantity } from '../scan/quantity';
import { playTone, type Tone } from '../sound/tones';
import { useOrdersStore } from './orders';
import { useSettingsStore } from './settings';

/** Command barcodes printed on the sheet in Settings: the scanner alone drives the flow. */
export const COMMANDS = {
  ship: 'PL-CMD-SHIP',
  emptyBox: 'PL-CMD-EMPTY-BOX',
  nextOrder: 'PL-CMD-NEXT-ORDER',
} as const;

export type MessageTone = 'ok' | 'error' | 'warning' | 'info';
export interface PackMessage {
  tone: MessageTone;
  text: string;
  /** Which sound went with it (also a data attribute, so tests can tell tones apart). */
  sound?: Tone;
}

export type Dialog = 'cancel' | 'fix' | 'help' | undefined;

interface PackStore {
  orderId?: string;
  order?: OrderView;
  progress?: PackState;
  loadError?: string;
  /** lineId → units in this box. */
  box: Record<string, number>;
  /** The line the packer last scanned or moved to (quantity, alias and +/- apply to it). */
  selectedLineId?: string;
  /** A quantity being typed after a scan ("×6", "12"). */
  quantity: string;
  /** The last scan was an item: digits typed now are a quantity. */
  quantityArmed: boolean;
  carrier: Carrier | '';
  trackingNumber: string;
  trackingUrl: string;
  /** datetime-local value; '' means now. */
  shipDate: string;
  /** Several carriers fit the scanned tracking number: the packer picks one. */
  candidates?: CarrierCandidateView[];
  message?: PackMessage;
  /** An unknown code the packer may keep as an alias of the selected line's SKU. */
  learnable?: string;
  /** Enter once more ships a package that leaves units on the order. */
  confirmPartial: boolean;
  busy: boolean;
  dialog: Dialog;
  open(orderId: string): Promise<void>;
  close(): void;
  listen(): () => void;
  scan(code: string): Promise<void>;
  select(lineId: string | undefined): void;
  moveSelection(step: 1 | -1): void;
  addUnits(lineId: string, count: number): boolean;
  typeQuantity(key: string): void;
  applyQuantity(): boolean;
  clearQuantity(): void;
  setPackage(
    patch: Partial<Pick<PackStore, 'carrier' | 'trackingNumber' | 'trackingUrl' | 'shipDate'>>,
  ): void;
  pickCandidate(index: number): void;
  emptyBox(): void;
  /** Enter / the Ship button / the ship command barcode. */
  shipKey(): Promise<void>;
  ship(): Promise<void>;
  learnAlias(): Promise<void>;
  cancelLines(
    lines: { lineId: string; quantity: number }[],
    reason: CancellationReason,
  ): Promise<boolean>;
  updateRecord(
    record: PackRecord,
    patch: {
      lines: { lineId: string; quantity: number }[];
      carrier?: Carrier;
      trackingNumber?: string;
      reason?: CancellationReason;
    },
  ): Promise<boolean>;
  deleteRecord(record: PackRecord): Promise<boolean>;
  refresh(): Promise<void>;
  setDialog(dialog: Dialog): void;
}

export function lineLabel(order: OrderView | undefined, lineId: string): string {
  const line = order?.lines.find((l) => l.id === lineId);
  return line?.sku ?? line?.name ?? `line ${lineId}`;
}

export function unitsInBox(box: Record<string, number>): number {
  return Object.values(box).reduce((n, q) => n + q, 0);
}

/** This box takes every unit still left on the order. */
export function boxCompletesOrder(
  box: Record<string, number>,
  lines: readonly LineProgressView[],
): boolean {
  return unitsInBox(box) > 0 && lines.every((l) => (box[l.lineId] ?? 0) === l.left);
}

function leftAfterBox(box: Record<string, number>, lines: readonly LineProgressView[]): number {
  return lines.reduce((n, l) => n + Math.max(0, l.left - (box[l.lineId] ?? 0)), 0);
}

const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

const EMPTY_PACKAGE = { trackingNumber: '', trackingUrl: '', shipDate: '', candidates: undefined };

export const usePackStore = create<PackStore>((set, get) => {
  /** Scans are handled strictly one after another. */
  let queue: Promise<void> = Promise.resolve();

  function say(tone: MessageTone, text: string, sound?: Tone) {
    if (sound) playTone(sound);
    set({ message: { tone, text, sound } });
  }

  /**
   * The marketplace fulfils the open order: says main's sentence and is true, so the caller
   * changes nothing. Main refuses such writes on its own; this spares the packer a round trip.
   */
  function handsOff(): boolean {
    const { progress } = get();
    if (!progress?.readOnly) return false;
    say('warning', progress.blocked ?? 'Nothing to ship here.', 'wrong');
    return true;
  }

  function shipReady(): string | undefined {
    const { progress, box, carrier, trackingNumber, busy } = get();
    if (busy) return 'Shipping…';
    if (!progress) return 'The order is still opening.';
    if (progress.blocked) return progress.blocked;
    if (unitsInBox(box) === 0) return 'The box is empty — scan an item first.';
    if (!trackingNumber.trim()) return 'Scan the tracking label first.';
    if (!carrier) return 'Choose the carrier first.';
    return undefined;
  }

  /** "Ship on last scan": the last unit and a tracking number are in — ship without a key. */
  async function maybeAutoShip() {
    const { progress, box } = get();
    if (!useSettingsStore.getState().settings?.packing.shipOnLastScan) return;
    if (!progress || shipReady() || !boxCompletesOrder(box, progress.lines)) return;
    await get().ship();
  }

  function setProgress(progress: PackState) {
    // Units that are no longer left (another station, an upload) leave the box.
    const box = { ...get().box };
    for (const l of progress.lines) if ((box[l.lineId] ?? 0) > l.left) box[l.lineId] = l.left;
    for (const id of Object.keys(box)) if (!box[id]) delete box[id];
    set({ progress, box });
  }

  async function handleScan(raw: string) {
    const code = raw.trim();
    const { orderId } = get();
    if (code === COMMANDS.ship) return get().shipKey();
    if (code === COMMANDS.emptyBox) return get().emptyBox();
    // "Next order" stays allowed: moving on is exactly what to do with such an order.
    if (code === COMMANDS.nextOrder) {
      useOrdersStore.getState().close();
      return;
    }
    let result: ScanResult;
    try {
      result = await bridge().call('pack.scan', { code, openOrderId: orderId ?? null });
    } catch (error) {
      say('error', sentence(error), 'unknown');
      return;
    }
    set({ confirmPartial: false });
    // Only another order's number does anything on an order the marketplace fulfils.
    if (result.kind !== 'order' && handsOff()) return;
    switch (result.kind) {
      case 'order': {
        if (result.orderIds.includes(orderId ?? '')) {
          say('info', 'This order is already open.');
          return;
        }
        await useOrdersStore.getState().openByCode(code);
        return;
      }
      case 'item': {
        const { progress, box } = get();
        if (!progress) return;
        if (progress.blocked) {
          say('error', progress.blocked, 'wrong');
          return;
        }
        // One code on several lines: the selected line if it is one of them, else the first with room.
        const selected = get().selectedLineId;
        const candidates = result.lineIds.includes(selected ?? '')
          ? [selected!, ...result.lineIds.filter((id) => id !== selected)]
          : result.lineIds;
        const withRoom = candidates.find((id) => {
          const left = progress.lines.find((l) => l.lineId === id)?.left ?? 0;
          return (box[id] ?? 0) < left;
        });
        const lineId = withRoom ?? candidates[0]!;
        set({ selectedLineId: lineId, quantity: '', quantityArmed: true, learnable: undefined });
        if (!withRoom) {
          const line = progress.lines.find((l) => l.lineId === lineId);
          const name = lineLabel(get().order, lineId);
          say(
            'error',
            line && line.left === 0
              ? `Over-scan: nothing is left of ${name} to pack — put it back.`
              : `Over-scan: all ${line?.left ?? 0} of ${name} are already in the box — put it back.`,
            'over',
          );
          return;
        }
        get().addUnits(lineId, 1);
        await maybeAutoShip();
        return;
      }
      case 'tracking': {
        const [only, ...more] = result.candidates;
        if (only && more.length === 0) {
          set({
            trackingNumber: result.trackingNumber,
            carrier: only.carrier,
            trackingUrl: only.trackingUrl ?? '',
            candidates: undefined,
            quantityArmed: false,
          });
          say('ok', `Tracking ${result.trackingNumber} — ${only.carrier}.`, 'good');
          await maybeAutoShip();
        } else {
          set({
            trackingNumber: result.trackingNumber,
            carrier: '',
            trackingUrl: '',
            candidates: result.candidates,
            quantityArmed: false,
          });
          say(
            'warning',
            `Tracking ${result.trackingNumber} fits ${result.candidates.length} carriers — press 1 to ${result.candidates.length} to choose.`,
            'good',
          );
        }
        return;
      }
      case 'unknown': {
        const selected = get().selectedLineId;
        const canLearn = result.learnable && selected !== undefined && get().orderId !== undefined;
        set({ learnable: canLearn ? result.code : undefined, quantityArmed: false });
        const tone: Tone = result.reason === 'wrong-item' ? 'wrong' : 'unknown';
        say(
          'error',
          canLearn
            ? `${result.message} Press L to learn it as ${lineLabel(get().order, selected)}.`
            : result.message,
          tone,
        );
        return;
      }
    }
  }

  async function write(run: () => Promise<{ state: PackState }>, done: string): Promise<boolean> {
    set({ busy: true });
    try {
      const { state } = await run();
      setProgress(state);
      set({ busy: false });
      say('ok', done);
      return true;
    } catch (error) {
      set({ busy: false });
      say('error', sentence(error), 'wrong');
      return false;
    }
  }

  return {
    box: {},
    quantity: '',
    quantityArmed: false,
    carrier: '',
    ...EMPTY_PACKAGE,
    confirmPartial: false,
    busy: false,
    dialog: undefined,

    async open(orderId) {
      set({
        orderId,
        order: undefined,
        progress: undefined,
        loadError: undefined,
        box: {},
        selectedLineId: undefined,
        quantity: '',
        quantityArmed: false,
        message: undefined,
        learnable: undefined,
        confirmPartial: false,
        dialog: undefined,
        ...EMPTY_PACKAGE,
      });
      try {
        const { order, state } = await bridge().call('pack.open', { orderId });
        if (get().orderId !== orderId) return;
        set({ order, selectedLineId: order.lines[0]?.id });
        setProgress(state);
        // The banner already says why; the scan line says what to do next.
        if (state.readOnly) say('warning', 'Scan the next order.', 'wrong');
        else if (state.blocked) say('error', state.blocked, 'wrong');
        else if (state.complete)
          say('ok', 'Nothing left to pack on this order — scan the next order.');
      } catch (error) {
        if (get().orderId === orderId) set({ loadError: sentence(error) });
      }
    },

    close() {
      set({
        orderId: undefined,
        order: undefined,
        progress: undefined,
        box: {},
        dialog: undefined,
      });
    },

    listen() {
      return bridge().on('pack.state', (state) => {
        if (state.orderId === get().orderId) setProgress(state);
      });
    },

    scan(code) {
      queue = queue.then(() => handleScan(code));
      return queue;
    },

    select(lineId) {
      set({ selectedLineId: lineId, quantityArmed: false, quantity: '' });
    },

    moveSelection(step) {
      const lines = get().order?.lines ?? [];
      if (lines.length === 0) return;
      const at = lines.findIndex((l) => l.id === get().selectedLineId);
      const next = Math.min(lines.length - 1, Math.max(0, at === -1 ? 0 : at + step));
      get().select(lines[next]!.id);
    },

    addUnits(lineId, count) {
      if (handsOff()) return false;
      const { progress, box, order } = get();
      const line = progress?.lines.find((l) => l.lineId === lineId);
      if (!line) return false;
      const next = (box[lineId] ?? 0) + count;
      if (next < 0) return false;
      const name = lineLabel(order, lineId);
      if (next > line.left) {
        say(
          'error',
          line.left === 0
            ? `Over-scan: nothing is left of ${name} to pack — put it back.`
            : `Over-scan: all ${line.left} of ${name} are already in the box — put it back.`,
          'over',
        );
        return false;
      }
      const nextBox = { ...box, [lineId]: next };
      if (next === 0) delete nextBox[lineId];
      set({ box: nextBox, confirmPartial: false });
      const done = progress && boxCompletesOrder(nextBox, progress.lines);
      if (done)
        say(
          'ok',
          get().trackingNumber
            ? `${name}: ${next} of ${line.left} — everything is in the box. Press Enter to ship.`
            : `${name}: ${next} of ${line.left} — everything is in the box. Scan the tracking label.`,
          'good',
        );
      else
        say('ok', `${name}: ${next} of ${line.left} in the box.`, count > 0 ? 'good' : undefined);
      return true;
    },

    typeQuantity(key) {
      const quantity = get().quantity + key;
      set({ quantity });
      const parsed = parseQuantity(quantity);
      if (parsed.kind === 'invalid') {
        say('error', `“${quantity}” is not a quantity — type digits, or Esc.`, 'unknown');
        set({ quantity: '' });
      }
    },

    applyQuantity() {
      const { quantity, selectedLineId, box, progress, order } = get();
      const parsed = parseQuantity(quantity);
      set({ quantity: '' });
      if (parsed.kind !== 'quantity' || !selectedLineId || !progress) return false;
      const line = progress.lines.find((l) => l.lineId === selectedLineId);
      if (!line) return false;
      if (parsed.quantity > line.left) {
        say(
          'error',
          `Over-scan: only ${units(line.left)} of ${lineLabel(order, selectedLineId)} left — ${parsed.quantity} is too many.`,
          'over',
        );
        return false;
      }
      return get().addUnits(selectedLineId, parsed.quantity - (box[selectedLineId] ?? 0));
    },

    clearQuantity() {
      set({ quantity: '', quantityArmed: false });
    },

    setPackage(patch) {
      set({ ...patch, confirmPartial: false });
    },

    pickCandidate(index) {
      const c = get().candidates?.[index];
      if (!c) return;
      set({ carrier: c.carrier, trackingUrl: c.trackingUrl ?? '', candidates: undefined });
      say('ok', `Carrier: ${c.carrier}.`, 'good');
    },

    emptyBox() {
      if (handsOff()) return;
      set({ box: {}, confirmPartial: false, quantity: '', quantityArmed: false });
      say('info', 'The box is empty — scan items again.');
    },

    async shipKey() {
      if (handsOff()) return;
      const { progress, box, confirmPartial } = get();
      const notReady = shipReady();
      if (notReady) {
        say('error', notReady, 'unknown');
        return;
      }
      if (progress && !boxCompletesOrder(box, progress.lines) && !confirmPartial) {
        const left = leftAfterBox(box, progress.lines);
        set({ confirmPartial: true });
        say(
          'warning',
          `This package leaves ${units(left)} on the order. Press Enter again to ship it as a partial package.`,
        );
        return;
      }
      await get().ship();
    },

    async ship() {
      const { orderId, box, carrier, trackingNumber, trackingUrl, shipDate, order } = get();
      if (!orderId || !carrier || handsOff()) return;
      const lines = (order?.lines ?? [])
        .filter((l) => (box[l.id] ?? 0) > 0)
        .map((l) => ({ lineId: l.id, quantity: box[l.id]! }));
      const count = lines.reduce((n, l) => n + l.quantity, 0);
      set({ busy: true, confirmPartial: false });
      try {
        const { state } = await bridge().call('pack.ship', {
          orderId,
          lines,
          carrier,
          trackingNumber: trackingNumber.trim(),
          ...(shipDate ? { shippedDate: new Date(shipDate).toISOString() } : {}),
          ...(trackingUrl.trim() ? { trackingUrl: trackingUrl.trim() } : {}),
        });
        set({ box: {}, busy: false, quantity: '', quantityArmed: false, ...EMPTY_PACKAGE });
        setProgress(state);
        if (state.complete)
          say('ok', `Shipped ${units(count)} — order complete. Scan the next order.`, 'complete');
        else
          say(
            'ok',
            `Shipped ${units(count)} in this package. ${units(state.lines.reduce((n, l) => n + l.left, 0))} left — pack the next package.`,
            'good',
          );
      } catch (error) {
        set({ busy: false });
        say('error', sentence(error), 'wrong');
      }
    },

    async learnAlias() {
      const { learnable, selectedLineId, order } = get();
      const sku = order?.lines.find((l) => l.id === selectedLineId)?.sku;
      if (!learnable || !sku) return;
      try {
        await bridge().call('pack.learnAlias', { code: learnable, sku });
        set({ learnable: undefined });
        say('ok', `Learned ${learnable} as ${sku} — scan it again to pack it.`, 'good');
      } catch (error) {
        say('error', sentence(error), 'unknown');
      }
    },

    async cancelLines(lines, reason) {
      const { orderId } = get();
      if (!orderId || handsOff()) return false;
      const count = lines.reduce((n, l) => n + l.quantity, 0);
      const ok = await write(
        () => bridge().call('pack.cancel', { orderId, lines, reason }),
        `Cancelled ${units(count)} (${reason.replace(/_/g, ' ')}) — queued to upload.`,
      );
      if (ok) set({ dialog: undefined });
      return ok;
    },

    async updateRecord(record, patch) {
      const { orderId } = get();
      if (!orderId || !record.id || handsOff()) return false;
      const id = record.id;
      const ok =
        record.kind === 'fulfillment'
          ? await write(
              () =>
                bridge().call('pack.updateFulfillment', {
                  orderId,
                  fulfillmentId: id,
                  lines: patch.lines,
                  carrier: patch.carrier ?? (record.carrier as Carrier),
                  trackingNumber: patch.trackingNumber ?? record.trackingNumber ?? '',
                  confirmed: true,
                }),
              'The change to the shipment is queued to upload.',
            )
          : await write(
              () =>
                bridge().call('pack.updateCancellation', {
                  orderId,
                  cancellationId: id,
                  lines: patch.lines,
                  reason: patch.reason ?? (record.reason as CancellationReason),
                  confirmed: true,
                }),
              'The change to the cancellation is queued to upload.',
            );
      return ok;
    },

    async deleteRecord(record) {
      const { orderId } = get();
      if (!orderId || !record.id || handsOff()) return false;
      const id = record.id;
      return write(
        () =>
          bridge().call('pack.deleteRecord', { orderId, kind: record.kind, id, confirmed: true }),
        record.kind === 'fulfillment'
          ? 'Deleting the shipment is queued to upload.'
          : 'Deleting the cancellation is queued to upload.',
      );
    },

    async refresh() {
      const { orderId } = get();
      if (!orderId) return;
      try {
        setProgress(await bridge().call('pack.refresh', { orderId }));
        say('info', 'Read the order from FeedAMP again.');
      } catch (error) {
        say('error', sentence(error));
      }
    },

    setDialog(dialog) {
      if ((dialog === 'cancel' || dialog === 'fix') && handsOff()) return;
      // Digits typed in or after a dialog are not a quantity for the last scan.
      set({ dialog, quantity: '', quantityArmed: false });
    },
  };
});
