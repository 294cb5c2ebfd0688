// The Pack screen's store: the state the screen shows and the actions it calls, over the pure
// reducer in renderer/pack/reducer.ts. This file only runs the reducer's effects — plays the
// sound with each sentence, makes the bridge calls and feeds their answers back in, and moves
// between orders. Every scan on the Pack screen comes through `scan`, one at a time and in
// order, however fast the scanner fires: the next scan waits until the last one's calls answered.
import { create } from 'zustand';
import { boxCompletesOrder as completes, boxUnits, type Box } from '../../common/packing';
import type { LineProgressView } from '../../preload/api/pack';
import { bridge } from '../bridge/api';
import { sentence } from '../bridge/sentence';
import {
  INITIAL,
  packReducer,
  type BridgeCall,
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
import { useWaveStore } from './wave';

export {
  COMMANDS,
  lineLabel,
  type Dialog,
  type MessageTone,
  type PackMessage,
} from '../pack/reducer';

interface PackStore extends PackData {
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
  setPackage(patch: Partial<PackageFields>): void;
  pickCandidate(index: number): void;
  emptyBox(): void;
  /** Enter / the Ship button / the ship command barcode. */
  shipKey(): Promise<void>;
  ship(): Promise<void>;
  learnAlias(): Promise<void>;
  /** A digit or Backspace typed on the page while the learn offer is up. */
  typeLearnUnits(key: string): void;
  setLearnUnits(value: string): void;
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
  setDialog(dialog: PackData['dialog']): void;
}

/** Units in the whole box. */
export function unitsInBox(box: Box): number {
  return boxUnits(box);
}

/** This box takes every unit still left on the order. */
export function boxCompletesOrder(box: Box, lines: readonly LineProgressView[]): boolean {
  return completes(box, lines);
}

export const usePackStore = create<PackStore>((set, get) => {
  /** Scans are handled strictly one after another. */
  let queue: Promise<void> = Promise.resolve();

  function data(): PackData {
    return get();
  }

  /** Makes one bridge call and turns its answer (or refusal) into the event the reducer expects. */
  async function answer(call: BridgeCall): Promise<PackEvent> {
    const api = bridge();
    try {
      switch (call.method) {
        case 'pack.open': {
          const { order, state } = await api.call('pack.open', { orderId: call.orderId });
          return { type: 'opened', orderId: call.orderId, order, state };
        }
        case 'pack.scan': {
          const result = await api.call('pack.scan', {
            code: call.code,
            openOrderId: call.openOrderId,
          });
          const shipOnLastScan = !!useSettingsStore.getState().settings?.packing.shipOnLastScan;
          return { type: 'scanned', code: call.code, result, shipOnLastScan };
        }
        case 'pack.ship': {
          const { state } = await api.call('pack.ship', call.input);
          return { type: 'shipped', units: call.units, state };
        }
        case 'pack.cancel':
        case 'pack.updateFulfillment':
        case 'pack.updateCancellation':
        case 'pack.deleteRecord': {
          const { state } = await writeCall(call);
          return { type: 'written', method: call.method, done: call.done, state };
        }
        case 'pack.learnAlias':
          await api.call('pack.learnAlias', {
            code: call.code,
            sku: call.sku,
            ...(call.units === undefined ? {} : { units: call.units }),
          });
          return {
            type: 'learned',
            code: call.code,
            sku: call.sku,
            ...(call.units === undefined ? {} : { units: call.units }),
          };
        case 'pack.refresh':
          return {
            type: 'refreshed',
            state: await api.call('pack.refresh', { orderId: call.orderId }),
          };
      }
    } catch (error) {
      const text = sentence(error);
      switch (call.method) {
        case 'pack.open':
          return { type: 'openFailed', orderId: call.orderId, error: text };
        case 'pack.scan':
          return { type: 'scanFailed', error: text };
        case 'pack.learnAlias':
          return { type: 'learnFailed', error: text };
        case 'pack.refresh':
          return { type: 'refreshFailed', error: text };
        default:
          return { type: 'writeFailed', error: text };
      }
    }
  }

  function writeCall(
    call: Extract<
      BridgeCall,
      {
        method:
          | 'pack.cancel'
          | 'pack.updateFulfillment'
          | 'pack.updateCancellation'
          | 'pack.deleteRecord';
      }
    >,
  ) {
    const api = bridge();
    switch (call.method) {
      case 'pack.cancel':
        return api.call('pack.cancel', call.input);
      case 'pack.updateFulfillment':
        return api.call('pack.updateFulfillment', call.input);
      case 'pack.updateCancellation':
        return api.call('pack.updateCancellation', call.input);
      case 'pack.deleteRecord':
        return api.call('pack.deleteRecord', call.input);
    }
  }

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
        return dispatch(await answer(effect.call));
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
      void bridge()
        .call('stats.overScan', { orderId: before })
        .catch(() => undefined);
    let ok = step.ok;
    for (const effect of step.effects) {
      const answered = await run(effect);
      if (answered !== undefined) ok = answered;
    }
    return ok ?? true;
  }

  /** For actions the screen needs an answer from at once: bridge calls go on in the background. */
  function dispatchNow(event: PackEvent): boolean {
    const step = packReducer(data(), event);
    set(step.state);
    for (const effect of step.effects) void run(effect);
    return step.ok ?? true;
  }

  return {
    ...INITIAL,

    async open(orderId) {
      await dispatch({ type: 'open', orderId });
    },
    close() {
      dispatchNow({ type: 'close' });
    },
    listen() {
      return bridge().on('pack.state', (state) => {
        dispatchNow({ type: 'progress', state });
      });
    },
    scan(code) {
      queue = queue.then(() => dispatch({ type: 'scan', code }).then(() => undefined));
      return queue;
    },
    select(lineId) {
      dispatchNow({ type: 'select', lineId });
    },
    moveSelection(step) {
      dispatchNow({ type: 'moveSelection', step });
    },
    addUnits(lineId, count) {
      return dispatchNow({ type: 'addUnits', lineId, count });
    },
    typeQuantity(key) {
      dispatchNow({ type: 'typeQuantity', key });
    },
    applyQuantity() {
      return dispatchNow({ type: 'applyQuantity' });
    },
    clearQuantity() {
      dispatchNow({ type: 'clearQuantity' });
    },
    setPackage(patch) {
      dispatchNow({ type: 'setPackage', patch });
    },
    pickCandidate(index) {
      dispatchNow({ type: 'pickCandidate', index });
    },
    emptyBox() {
      dispatchNow({ type: 'emptyBox' });
    },
    async shipKey() {
      await dispatch({ type: 'shipKey' });
    },
    async ship() {
      await dispatch({ type: 'ship' });
    },
    async learnAlias() {
      await dispatch({ type: 'learnAlias' });
    },
    typeLearnUnits(key) {
      dispatchNow({ type: 'typeLearnUnits', key });
    },
    setLearnUnits(value) {
      dispatchNow({ type: 'setLearnUnits', value });
    },
    cancelLines(lines, reason) {
      return dispatch({ type: 'cancelLines', lines, reason });
    },
    updateRecord(record, patch) {
      return dispatch({ type: 'updateRecord', record, patch });
    },
    deleteRecord(record) {
      return dispatch({ type: 'deleteRecord', record });
    },
    async refresh() {
      await dispatch({ type: 'refresh' });
    },
    setDialog(dialog) {
      dispatchNow({ type: 'setDialog', dialog });
    },
  };
});
