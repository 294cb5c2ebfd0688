// The Pack screen's rules as a pure reducer: (state, event) → { state, effects }. Effects are
// data — say a sentence (with its sound), call the bridge, go to another order — run by the thin
// store in renderer/store/pack.ts, which feeds each bridge answer back in as another event. So
// every rule of the bench (what a scan does, when a package may ship, what the packer reads and
// hears) is here, testable without a page, a bridge or a speaker.
// Its vocabulary (state, events, effects, command barcodes) is in model.ts; each event has one
// handler below, the larger ones in the modules named by their topic.
import {
  PACK_SENTENCES as S,
  carrierChosen,
  notAQuantity,
  shippedLast,
  shippedPartial,
  tooMany,
} from '../../common/pack-sentences';
import { inBox, setInBox } from '../../common/packing';
import { parseQuantity } from '../scan/quantity';

import { addUnits, applyCases, emptyBox, handsOff, ship, shipKey, withProgress } from './box-rules';
import { learnAlias, learned, setLearnUnits, typeLearnUnits } from './learn';
import {
  EMPTY_PACKAGE,
  Step,
  lineLabel,
  type EventOf,
  type PackData,
  type PackEvent,
  type PackStep,
} from './model';
import { cancelLines, deleteRecord, updateRecord } from './records';
import { scan, scanned } from './scanned';

export * from './model';

/**
 * One event's rule: changes the step, and may answer the action's caller (true: it took effect;
 * false: it was refused; nothing: the caller needs no answer).
 */
type Handler<T extends PackEvent['type']> = (s: Step, event: EventOf<T>) => boolean | void;

function open(s: Step, { orderId }: EventOf<'open'>): void {
  s.set({
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
    caseScan: undefined,
    confirmPartial: false,
    dialog: undefined,
    ...EMPTY_PACKAGE,
  });
  s.call({ method: 'pack.open', orderId });
}

function opened(s: Step, event: EventOf<'opened'>): void {
  if (s.state.orderId !== event.orderId) return;
  const { order, state: progress } = event;
  s.set({ order, selectedLineId: order.lines[0]?.id });
  withProgress(s, progress);
  // The banner already says why; the scan line says what to do next.
  if (progress.readOnly) s.say('warning', S.nextOrder, 'wrong');
  else if (progress.blocked) s.say('error', progress.blocked, 'wrong');
  else if (progress.complete) s.say('ok', S.nothingLeft);
}

/** Another line is selected: a quantity typed now is not for the last scan. */
function selectLine(s: Step, lineId: string | undefined): void {
  s.set({ selectedLineId: lineId, quantityArmed: false, quantity: '', caseScan: undefined });
}

function moveSelection(s: Step, { step }: EventOf<'moveSelection'>): void {
  const lines = s.state.order?.lines ?? [];
  if (lines.length === 0) return;
  const at = lines.findIndex((l) => l.id === s.state.selectedLineId);
  const next = Math.min(lines.length - 1, Math.max(0, at === -1 ? 0 : at + step));
  selectLine(s, lines[next]!.id);
}

function typeQuantity(s: Step, { key }: EventOf<'typeQuantity'>): void {
  const quantity = s.state.quantity + key;
  s.set({ quantity });
  if (parseQuantity(quantity).kind === 'invalid') {
    s.say('error', notAQuantity(quantity), 'unknown');
    s.set({ quantity: '' });
  }
}

/** The typed quantity sets the selected line's units in the box (or counts cases after one). */
function applyQuantity(s: Step): boolean {
  const { quantity, selectedLineId, box, progress, order, caseScan } = s.state;
  const parsed = parseQuantity(quantity);
  s.set({ quantity: '' });
  if (parsed.kind !== 'quantity' || !selectedLineId || !progress) return false;
  if (caseScan?.lineId === selectedLineId)
    return applyCases(s, selectedLineId, parsed.quantity, caseScan);
  const change = setInBox(box, selectedLineId, parsed.quantity, progress.lines);
  if (!change.ok && change.reason === 'not-on-order') return false;
  if (!change.ok && (change.reason === 'over-scan' || change.reason === 'nothing-left')) {
    s.say('error', tooMany(lineLabel(order, selectedLineId), change.left, parsed.quantity), 'over');
    return false;
  }
  return addUnits(s, selectedLineId, parsed.quantity - inBox(box, selectedLineId));
}

function pickCandidate(s: Step, { index }: EventOf<'pickCandidate'>): void {
  const c = s.state.candidates?.[index];
  if (!c) return;
  s.set({ carrier: c.carrier, trackingUrl: c.trackingUrl ?? '', candidates: undefined });
  s.say('ok', carrierChosen(c.carrier), 'good');
}

function shipped(s: Step, { units, state }: EventOf<'shipped'>): boolean {
  s.set({
    box: {},
    busy: false,
    quantity: '',
    quantityArmed: false,
    caseScan: undefined,
    ...EMPTY_PACKAGE,
  });
  withProgress(s, state);
  if (state.complete) s.say('ok', shippedLast(units), 'complete');
  else
    s.say(
      'ok',
      shippedPartial(
        units,
        state.lines.reduce((n, l) => n + l.left, 0),
      ),
      'good',
    );
  return true;
}

function written(s: Step, event: EventOf<'written'>): boolean {
  withProgress(s, event.state);
  s.set({ busy: false });
  s.say('ok', event.done);
  if (event.method === 'pack.cancel') s.set({ dialog: undefined });
  return true;
}

function setDialog(s: Step, { dialog }: EventOf<'setDialog'>): void {
  if ((dialog === 'cancel' || dialog === 'fix') && handsOff(s)) return;
  // Digits typed in or after a dialog are not a quantity for the last scan.
  s.set({ dialog, quantity: '', quantityArmed: false });
}

const HANDLERS: { [T in PackEvent['type']]: Handler<T> } = {
  open,
  opened,
  openFailed: (s, e) => {
    if (s.state.orderId === e.orderId) s.set({ loadError: e.error });
  },
  close: (s) => {
    s.set({
      orderId: undefined,
      order: undefined,
      progress: undefined,
      box: {},
      dialog: undefined,
    });
  },
  progress: (s, e) => {
    if (e.state.orderId === s.state.orderId) withProgress(s, e.state);
  },
  scan: (s, e) => scan(s, e.code, e.shipOnLastScan ?? false),
  scanned: (s, e) => scanned(s, e.code, e.result, e.shipOnLastScan),
  scanFailed: (s, e) => {
    s.say('error', e.error, 'unknown');
  },
  select: (s, e) => selectLine(s, e.lineId),
  moveSelection,
  addUnits: (s, e) => addUnits(s, e.lineId, e.count),
  typeQuantity,
  applyQuantity,
  clearQuantity: (s) => {
    s.set({ quantity: '', quantityArmed: false });
  },
  setPackage: (s, e) => {
    s.set({ ...e.patch, confirmPartial: false });
  },
  pickCandidate,
  emptyBox,
  shipKey,
  ship,
  shipped,
  written,
  writeFailed: (s, e) => {
    s.set({ busy: false });
    s.say('error', e.error, 'wrong');
    return false;
  },
  learnAlias,
  typeLearnUnits,
  setLearnUnits,
  learned,
  learnFailed: (s, e) => {
    s.say('error', e.error, 'unknown');
    return false;
  },
  cancelLines,
  updateRecord,
  deleteRecord,
  refresh: (s) => {
    if (s.state.orderId) s.call({ method: 'pack.refresh', orderId: s.state.orderId });
  },
  refreshed: (s, e) => {
    withProgress(s, e.state);
    s.say('info', S.readAgain);
  },
  refreshFailed: (s, e) => {
    s.say('error', e.error);
  },
  setDialog,
};

/** The whole Pack screen, one event at a time. */
export function packReducer(state: PackData, event: PackEvent): PackStep {
  const s = new Step(state);
  // Each handler takes its own event; the table's type ties the two together.
  const handle = HANDLERS[event.type] as Handler<PackEvent['type']>;
  const ok = handle(s, event);
  return s.done(typeof ok === 'boolean' ? ok : undefined);
}
