// The Pack screen's store: the state the screen shows and the actions it calls, over the pure
// reducer in renderer/pack/reducer.ts. This file only runs the reducer's effects — plays the
// sound with each sentence, makes the bridge calls and feeds their answers back in, and moves
// between orders. Every scan on the Pack screen comes through `scan`, one at a time and in
// order, however fast the scanner fires: the next scan waits until the last one's calls answered.
import { create } from 'zustand';
import { boxCompletesOrder as completes, boxUnits, type Box } from '../../common/packing';
import type { LineProgressView } from '../../preload/api/pack';
import { bridge } from '../bridge/api';
import {
  INITIAL,
  packReducer,
  type PackData,
  type PackEffect,
  type PackEvent,
  type PackageFields,
} from '../pack/reducer';
import type { PackRecord, CancellationReason, Carrier } from '../../preload/api/pack';
import { isOverScan } from '../pack/scan-tally';
import { playTone } from '../sound/tones';
import { useOrdersStore } from './orders';
import { useSettingsStore } from './settings';
import { answer } from './pack-bridge';
import { useWaveStore } from './wave';

export { COMMANDS, lineLabel, type PackMessage } from '../pack/reducer';

interface PackStore extends PackData {
  open: (orderId: string) => Promise<void>;
  close: () => void;
  listen: () => () => void;
  scan: (code: string) => Promise<void>;
  select: (lineId: string | undefined) => void;
  moveSelection: (step: 1 | -1) => void;
  addUnits: (lineId: string, count: number) => boolean;
  typeQuantity: (key: string) => void;
  applyQuantity: () => boolean;
  clearQuantity: () => void;
  setPackage: (patch: Partial<PackageFields>) => void;
  pickCandidate: (index: number) => void;
  emptyBox: () => void;
  /** Enter / the Ship button / the ship command barcode. */
  shipKey: () => Promise<void>;
  ship: () => Promise<void>;
  learnAlias: () => Promise<void>;
  /** A digit or Backspace typed on the page while the learn offer is up. */
  typeLearnUnits: (key: string) => void;
  setLearnUnits: (value: string) => void;
  cancelLines: (
    lines: { lineId: string; quantity: number }[],
    reason: CancellationReason,
  ) => Promise<boolean>;
  updateRecord: (
    record: PackRecord,
    patch: {
      lines: { lineId: string; quantity: number }[];
      carrier?: Carrier;
      trackingNumber?: string;
      reason?: CancellationReason;
    },
  ) => Promise<boolean>;
  deleteRecord: (record: PackRecord) => Promise<boolean>;
  refresh: () => Promise<void>;
  setDialog: (dialog: PackData['dialog']) => void;
}

/** Units in the whole box. */
export function unitsInBox(box: Box): number {
  return boxUnits(box);
}

/** This box takes every unit still left on the order. */
export function boxCompletesOrder(box: Box, lines: readonly LineProgressView[]): boolean {
  return completes(box, lines);
}

type SetState = (patch: Partial<PackStore>) => void;

/**
 * Counts for Stats go to main after the frame that shows the scan: they are not the packer's
 * answer, and sending one (about 5 ms with the CPU throttled 4×, profiled) held that frame back.
 */
const counts: (() => void)[] = [];

/** Sends the counts still waiting, in the order they were made. */
function sendCounts(): void {
  for (const send of counts.splice(0)) send();
}

function afterPaint(send: () => void): void {
  counts.push(send);
  if (counts.length > 1) return; // already due
  if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() => setTimeout(sendCounts));
  else setTimeout(sendCounts);
}

/**
 * Runs the reducer for the store: each event's new state is set, its effects run in order, and
 * bridge answers are fed back in. Scans wait in one queue, so they are handled one at a time.
 */
function packRunner(set: SetState, data: () => PackData) {
  let queue: Promise<void> = Promise.resolve();

  /** Runs an effect; resolves with what a bridge answer told the caller (undefined otherwise). */
  async function run(effect: PackEffect): Promise<boolean | undefined> {
    switch (effect.kind) {
      case 'say':
        if (effect.message.sound) playTone(effect.message.sound);
        return undefined;
      case 'navigate':
        if (effect.to === 'next-order') useOrdersStore.getState().close();
        else if (effect.to === 'wave') await useWaveStore.getState().start(effect.code);
        else await useOrdersStore.getState().openByCode(effect.code);
        return undefined;
      case 'call':
        // A ship or an open right after a scan: main hears the scan's count first.
        sendCounts();
        return dispatch(await answer(effect.call));
      case 'count':
        afterPaint(() => {
          void bridge()
            .call('pack.scan', { code: effect.code, openOrderId: effect.openOrderId })
            .catch(() => undefined);
        });
        return undefined;
    }
  }

  /**
   * Feeds one event through the reducer and runs its effects in order, waiting for bridge answers
   * (and what they lead to). Resolves with what the action's caller is told.
   */
  async function dispatch(event: PackEvent): Promise<boolean> {
    const before = data().orderId;
    const step = packReducer(data(), event);
    set(step.state);
    // Main counts the scan; an over-scan is only known here. A lost count never holds up packing.
    if (before && isOverScan(before, event, step))
      afterPaint(() => {
        void bridge()
          .call('stats.overScan', { orderId: before })
          .catch(() => undefined);
      });
    let ok = step.ok;
    for (const effect of step.effects) {
      const answered = await run(effect);
      if (answered !== undefined) ok = answered;
    }
    return ok ?? true;
  }

  /** For actions the screen needs an answer from at once: bridge calls go on in the background. */
  function now(event: PackEvent): boolean {
    const step = packReducer(data(), event);
    set(step.state);
    for (const effect of step.effects) void run(effect);
    return step.ok ?? true;
  }

  /** Waits for the calls the event led to; the caller needs no answer. */
  async function settle(event: PackEvent): Promise<void> {
    await dispatch(event);
  }

  /**
   * Scans, and the keys that act on what was scanned (Ship), one at a time in the order they came:
   * Enter pressed while the tracking label's scan is still with main ships that label, instead
   * of saying "Scan the tracking label first" a moment before the label shows.
   */
  function inTurn(event: PackEvent): Promise<void> {
    queue = queue.then(() => settle(event));
    return queue;
  }

  return { dispatch, now, settle, inTurn };
}

export const usePackStore = create<PackStore>((set, get) => {
  const { dispatch, now, settle, inTurn } = packRunner(set, get);
  return {
    ...INITIAL,
    open: (orderId) => settle({ type: 'open', orderId }),
    close: () => now({ type: 'close' }),
    listen: () => bridge().on('pack.state', (state) => now({ type: 'progress', state })),
    scan: (code) =>
      inTurn({
        type: 'scan',
        code,
        shipOnLastScan: !!useSettingsStore.getState().settings?.packing.shipOnLastScan,
      }),
    select: (lineId) => now({ type: 'select', lineId }),
    moveSelection: (step) => now({ type: 'moveSelection', step }),
    addUnits: (lineId, count) => now({ type: 'addUnits', lineId, count }),
    typeQuantity: (key) => now({ type: 'typeQuantity', key }),
    applyQuantity: () => now({ type: 'applyQuantity' }),
    clearQuantity: () => now({ type: 'clearQuantity' }),
    setPackage: (patch) => now({ type: 'setPackage', patch }),
    pickCandidate: (index) => now({ type: 'pickCandidate', index }),
    emptyBox: () => now({ type: 'emptyBox' }),
    shipKey: () => inTurn({ type: 'shipKey' }),
    ship: () => settle({ type: 'ship' }),
    learnAlias: () => settle({ type: 'learnAlias' }),
    typeLearnUnits: (key) => now({ type: 'typeLearnUnits', key }),
    setLearnUnits: (value) => now({ type: 'setLearnUnits', value }),
    cancelLines: (lines, reason) => dispatch({ type: 'cancelLines', lines, reason }),
    updateRecord: (record, patch) => dispatch({ type: 'updateRecord', record, patch }),
    deleteRecord: (record) => dispatch({ type: 'deleteRecord', record }),
    refresh: () => settle({ type: 'refresh' }),
    setDialog: (dialog) => now({ type: 'setDialog', dialog }),
  };
});
