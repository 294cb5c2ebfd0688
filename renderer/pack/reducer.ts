// The Pack screen's rules as a pure reducer: (state, event) → { state, effects }. Effects are
// data — say a sentence (with its sound), call the bridge, go to another order — run by the thin
// store in renderer/store/pack.ts, which feeds each bridge answer back in as another event. So
// every rule of the bench (what a scan does, when a package may ship, what the packer reads and
// hears) is here, testable without a page, a bridge or a speaker.
// Its vocabulary (state, events, effects, command barcodes) is in model.ts.
import {
  PACK_SENTENCES as S,
  carrierChosen,
  cancelledQueued,
  caseOverScan,
  casePacked,
  casesTimes,
  learned,
  offerToLearnCase,
  tooManyCases,
  unitsToLearn,
  notAQuantity,
  offerToLearn,
  overScan,
  packed,
  partialPackage,
  shippedLast,
  shippedPartial,
  tooMany,
  trackingFitsSeveral,
  trackingFor,
} from '../../common/pack-sentences';
import {
  addToBox,
  boxCompletesOrder,
  boxLines,
  boxUnits,
  fitBox,
  inBox,
  leftAfterBox,
  lineForScan,
  setInBox,
} from '../../common/packing';
import type { CancellationReason, Carrier, PackState, ScanResult } from '../../preload/api/pack';
import { parseQuantity } from '../scan/quantity';

import {
  COMMANDS,
  EMPTY_PACKAGE,
  Step,
  lineLabel,
  type BridgeCall,
  type PackData,
  type PackEvent,
  type PackStep,
} from './model';

export * from './model';

/** Units that are no longer left (another station, an upload) leave the box. */
function withProgress(s: Step, progress: PackState): void {
  s.set({ progress, box: fitBox(s.state.box, progress.lines) });
}

/**
 * The marketplace fulfils the open order: says main's sentence and is true, so the caller
 * changes nothing. Main refuses such writes on its own; this spares the packer a round trip.
 */
function handsOff(s: Step): boolean {
  const { progress } = s.state;
  if (!progress?.readOnly) return false;
  s.say('warning', progress.blocked ?? S.nothingToShip, 'wrong');
  return true;
}

function shipReady(state: PackData): string | undefined {
  const { progress, box, carrier, trackingNumber, busy } = state;
  if (busy) return S.shipping;
  if (!progress) return S.stillOpening;
  if (progress.blocked) return progress.blocked;
  if (boxUnits(box) === 0) return S.emptyBoxFirst;
  if (!trackingNumber.trim()) return S.trackingFirst;
  if (!carrier) return S.carrierFirst;
  return undefined;
}

/** "Ship on last scan": the last unit and a tracking number are in — ship without a key. */
function maybeAutoShip(s: Step, shipOnLastScan: boolean): void {
  const { progress, box } = s.state;
  if (!shipOnLastScan) return;
  if (!progress || shipReady(s.state) || !boxCompletesOrder(box, progress.lines)) return;
  ship(s);
}

/** `prefix`: what the sentence starts with ("Case of 6 — "), for a case scan or typed cases. */
function addUnits(
  s: Step,
  lineId: string,
  count: number,
  prefix?: (text: string) => string,
): boolean {
  if (handsOff(s)) return false;
  const { progress, box, order } = s.state;
  if (!progress) return false;
  const change = addToBox(box, lineId, count, progress.lines);
  if (!change.ok) {
    if (change.reason === 'nothing-left' || change.reason === 'over-scan')
      s.say('error', overScan(lineLabel(order, lineId), change.left), 'over');
    return false;
  }
  s.set({ box: change.box, confirmPartial: false });
  const name = lineLabel(order, lineId);
  const say = prefix ?? ((text: string) => text);
  if (boxCompletesOrder(change.box, progress.lines))
    s.say(
      'ok',
      say(packed(name, change.quantity, change.left, s.state.trackingNumber ? 'ship' : 'tracking')),
      'good',
    );
  else
    s.say(
      'ok',
      say(packed(name, change.quantity, change.left, 'more')),
      count > 0 ? 'good' : undefined,
    );
  return true;
}

function ship(s: Step): void {
  const { orderId, box, carrier, trackingNumber, trackingUrl, shipDate, order } = s.state;
  if (!orderId || !carrier || handsOff(s)) return;
  const lines = boxLines(
    box,
    (order?.lines ?? []).map((l) => l.id),
  );
  s.set({ busy: true, confirmPartial: false });
  s.call({
    method: 'pack.ship',
    units: lines.reduce((n, l) => n + l.quantity, 0),
    input: {
      orderId,
      lines,
      carrier,
      trackingNumber: trackingNumber.trim(),
      ...(shipDate ? { shippedDate: new Date(shipDate).toISOString() } : {}),
      ...(trackingUrl.trim() ? { trackingUrl: trackingUrl.trim() } : {}),
    },
  });
}

function shipKey(s: Step): void {
  if (handsOff(s)) return;
  const { progress, box, confirmPartial } = s.state;
  const notReady = shipReady(s.state);
  if (notReady) {
    s.say('error', notReady, 'unknown');
    return;
  }
  if (progress && !boxCompletesOrder(box, progress.lines) && !confirmPartial) {
    s.set({ confirmPartial: true });
    s.say('warning', partialPackage(leftAfterBox(box, progress.lines)));
    return;
  }
  ship(s);
}

function emptyBox(s: Step): void {
  if (handsOff(s)) return;
  s.set({
    box: {},
    confirmPartial: false,
    quantity: '',
    quantityArmed: false,
    caseScan: undefined,
  });
  s.say('info', S.boxEmptied);
}

function scan(s: Step, raw: string): void {
  const code = raw.trim();
  if (code === COMMANDS.ship) return shipKey(s);
  if (code === COMMANDS.emptyBox) return emptyBox(s);
  // "Next order" stays allowed: moving on is exactly what to do with such an order.
  if (code === COMMANDS.nextOrder) {
    s.effects.push({ kind: 'navigate', to: 'next-order' });
    return;
  }
  s.call({ method: 'pack.scan', code, openOrderId: s.state.orderId ?? null });
}

function scanned(s: Step, code: string, result: ScanResult, shipOnLastScan: boolean): void {
  s.set({ confirmPartial: false, caseScan: undefined });
  // Only another order's number (or a wave) does anything on an order the marketplace fulfils.
  if (result.kind !== 'order' && result.kind !== 'wave' && handsOff(s)) return;
  switch (result.kind) {
    case 'wave':
      s.effects.push({ kind: 'navigate', to: 'wave', code });
      return;
    case 'order': {
      if (result.orderIds.includes(s.state.orderId ?? '')) {
        s.say('info', S.alreadyOpen);
        return;
      }
      s.effects.push({ kind: 'navigate', to: 'order', code });
      return;
    }
    case 'item': {
      const { progress, box, selectedLineId } = s.state;
      if (!progress) return;
      if (progress.blocked) {
        s.say('error', progress.blocked, 'wrong');
        return;
      }
      const units = result.units ?? 1;
      const target = lineForScan(result.lineIds, selectedLineId, box, progress.lines, units);
      if (!target) return;
      s.set({
        selectedLineId: target.lineId,
        quantity: '',
        quantityArmed: true,
        learnable: undefined,
      });
      const name = lineLabel(s.state.order, target.lineId);
      if (!target.room) {
        const left = progress.lines.find((l) => l.lineId === target.lineId)?.left ?? 0;
        // A case that does not fit is refused whole: one over-scan, nothing goes in.
        if (units > 1)
          s.say(
            'error',
            caseOverScan(name, units, Math.max(0, left - inBox(box, target.lineId))),
            'over',
          );
        else s.say('error', overScan(name, left), 'over');
        return;
      }
      const before = inBox(box, target.lineId);
      if (units > 1) {
        addUnits(s, target.lineId, units, (text) => casePacked(units, text));
        s.set({ caseScan: { lineId: target.lineId, units, before } });
      } else addUnits(s, target.lineId, 1);
      maybeAutoShip(s, shipOnLastScan);
      return;
    }
    case 'tracking': {
      const [only, ...more] = result.candidates;
      if (only && more.length === 0) {
        s.set({
          trackingNumber: result.trackingNumber,
          carrier: only.carrier,
          trackingUrl: only.trackingUrl ?? '',
          candidates: undefined,
          quantityArmed: false,
        });
        // A label already used on another order: say so and let the packer decide (Ship still
        // works), never ship it by itself.
        if (result.usedElsewhere) {
          s.say('warning', result.usedElsewhere, 'wrong');
          return;
        }
        s.say('ok', trackingFor(result.trackingNumber, only.carrier), 'good');
        maybeAutoShip(s, shipOnLastScan);
      } else {
        s.set({
          trackingNumber: result.trackingNumber,
          carrier: '',
          trackingUrl: '',
          candidates: result.candidates,
          quantityArmed: false,
        });
        s.say(
          'warning',
          [
            trackingFitsSeveral(result.trackingNumber, result.candidates.length),
            result.usedElsewhere,
          ]
            .filter(Boolean)
            .join(' '),
          'good',
        );
      }
      return;
    }
    case 'unknown': {
      const { caseOf } = result;
      if (caseOf && result.learnable && s.state.orderId !== undefined) {
        // The line is known from the code itself; only the count is asked.
        s.set({
          learnable: result.code,
          selectedLineId: caseOf.lineId,
          learnUnits: '',
          learnUnitsTyped: true,
          quantityArmed: false,
        });
        s.say('warning', offerToLearnCase(result.code, caseOf.sku), 'unknown');
        return;
      }
      const selected = s.state.selectedLineId;
      const canLearn = result.learnable && selected !== undefined && s.state.orderId !== undefined;
      s.set({
        learnable: canLearn ? result.code : undefined,
        learnUnits: '1',
        learnUnitsTyped: false,
        quantityArmed: false,
      });
      s.say(
        'error',
        canLearn
          ? offerToLearn(result.message, lineLabel(s.state.order, selected))
          : result.message,
        result.reason === 'wrong-item' ? 'wrong' : 'unknown',
      );
      return;
    }
  }
}

/**
 * "×3" after a scan of a case of 6: three cases, 18 units, on top of what the line had in the box
 * before that scan. Refused whole when more than is left.
 */
function applyCases(
  s: Step,
  lineId: string,
  cases: number,
  caseScan: NonNullable<PackData['caseScan']>,
): boolean {
  const { progress, box, order } = s.state;
  const left = progress?.lines.find((l) => l.lineId === lineId)?.left ?? 0;
  const total = caseScan.before + cases * caseScan.units;
  if (total > left) {
    const room = Math.max(0, left - caseScan.before);
    s.say('error', tooManyCases(lineLabel(order, lineId), cases, caseScan.units, room), 'over');
    return false;
  }
  return addUnits(
    s,
    lineId,
    total - inBox(box, lineId),
    (text) => `${casesTimes(cases, caseScan.units)} — ${text}`,
  );
}

function write(s: Step, call: BridgeCall): void {
  s.set({ busy: true });
  s.call(call);
}

/** The whole Pack screen, one event at a time. */
export function packReducer(state: PackData, event: PackEvent): PackStep {
  const s = new Step(state);
  switch (event.type) {
    case 'open':
      s.set({
        orderId: event.orderId,
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
      s.call({ method: 'pack.open', orderId: event.orderId });
      return s.done();
    case 'opened': {
      if (s.state.orderId !== event.orderId) return s.done();
      const { order, state: progress } = event;
      s.set({ order, selectedLineId: order.lines[0]?.id });
      withProgress(s, progress);
      // The banner already says why; the scan line says what to do next.
      if (progress.readOnly) s.say('warning', S.nextOrder, 'wrong');
      else if (progress.blocked) s.say('error', progress.blocked, 'wrong');
      else if (progress.complete) s.say('ok', S.nothingLeft);
      return s.done();
    }
    case 'openFailed':
      if (s.state.orderId === event.orderId) s.set({ loadError: event.error });
      return s.done();
    case 'close':
      s.set({
        orderId: undefined,
        order: undefined,
        progress: undefined,
        box: {},
        dialog: undefined,
      });
      return s.done();
    case 'progress':
      if (event.state.orderId === s.state.orderId) withProgress(s, event.state);
      return s.done();
    case 'scan':
      scan(s, event.code);
      return s.done();
    case 'scanned':
      scanned(s, event.code, event.result, event.shipOnLastScan);
      return s.done();
    case 'scanFailed':
      s.say('error', event.error, 'unknown');
      return s.done();
    case 'select':
      s.set({
        selectedLineId: event.lineId,
        quantityArmed: false,
        quantity: '',
        caseScan: undefined,
      });
      return s.done();
    case 'moveSelection': {
      const lines = s.state.order?.lines ?? [];
      if (lines.length === 0) return s.done();
      const at = lines.findIndex((l) => l.id === s.state.selectedLineId);
      const next = Math.min(lines.length - 1, Math.max(0, at === -1 ? 0 : at + event.step));
      s.set({
        selectedLineId: lines[next]!.id,
        quantityArmed: false,
        quantity: '',
        caseScan: undefined,
      });
      return s.done();
    }
    case 'addUnits':
      return s.done(addUnits(s, event.lineId, event.count));
    case 'typeQuantity': {
      const quantity = s.state.quantity + event.key;
      s.set({ quantity });
      if (parseQuantity(quantity).kind === 'invalid') {
        s.say('error', notAQuantity(quantity), 'unknown');
        s.set({ quantity: '' });
      }
      return s.done();
    }
    case 'applyQuantity': {
      const { quantity, selectedLineId, box, progress, order, caseScan } = s.state;
      const parsed = parseQuantity(quantity);
      s.set({ quantity: '' });
      if (parsed.kind !== 'quantity' || !selectedLineId || !progress) return s.done(false);
      if (caseScan?.lineId === selectedLineId)
        return s.done(applyCases(s, selectedLineId, parsed.quantity, caseScan));
      const change = setInBox(box, selectedLineId, parsed.quantity, progress.lines);
      if (!change.ok && change.reason === 'not-on-order') return s.done(false);
      if (!change.ok && (change.reason === 'over-scan' || change.reason === 'nothing-left')) {
        s.say(
          'error',
          tooMany(lineLabel(order, selectedLineId), change.left, parsed.quantity),
          'over',
        );
        return s.done(false);
      }
      return s.done(addUnits(s, selectedLineId, parsed.quantity - inBox(box, selectedLineId)));
    }
    case 'clearQuantity':
      s.set({ quantity: '', quantityArmed: false });
      return s.done();
    case 'setPackage':
      s.set({ ...event.patch, confirmPartial: false });
      return s.done();
    case 'pickCandidate': {
      const c = s.state.candidates?.[event.index];
      if (!c) return s.done();
      s.set({ carrier: c.carrier, trackingUrl: c.trackingUrl ?? '', candidates: undefined });
      s.say('ok', carrierChosen(c.carrier), 'good');
      return s.done();
    }
    case 'emptyBox':
      emptyBox(s);
      return s.done();
    case 'shipKey':
      shipKey(s);
      return s.done();
    case 'ship':
      ship(s);
      return s.done();
    case 'shipped': {
      s.set({
        box: {},
        busy: false,
        quantity: '',
        quantityArmed: false,
        caseScan: undefined,
        ...EMPTY_PACKAGE,
      });
      withProgress(s, event.state);
      if (event.state.complete) s.say('ok', shippedLast(event.units), 'complete');
      else
        s.say(
          'ok',
          shippedPartial(
            event.units,
            event.state.lines.reduce((n, l) => n + l.left, 0),
          ),
          'good',
        );
      return s.done(true);
    }
    case 'written':
      withProgress(s, event.state);
      s.set({ busy: false });
      s.say('ok', event.done);
      if (event.method === 'pack.cancel') s.set({ dialog: undefined });
      return s.done(true);
    case 'writeFailed':
      s.set({ busy: false });
      s.say('error', event.error, 'wrong');
      return s.done(false);
    case 'learnAlias': {
      const { learnable, selectedLineId, order, learnUnits } = s.state;
      const sku = order?.lines.find((l) => l.id === selectedLineId)?.sku;
      if (!learnable || !sku) return s.done();
      const units = /^\d{1,4}$/.test(learnUnits.trim()) ? Number(learnUnits.trim()) : 0;
      if (units < 1) {
        s.say('error', unitsToLearn(learnable, sku), 'unknown');
        return s.done(false);
      }
      s.call({
        method: 'pack.learnAlias',
        code: learnable,
        sku,
        ...(units === 1 ? {} : { units }),
      });
      return s.done();
    }
    case 'typeLearnUnits': {
      if (!s.state.learnable) return s.done(false);
      const sofar = s.state.learnUnitsTyped ? s.state.learnUnits : '';
      if (event.key === 'Backspace') s.set({ learnUnits: sofar.slice(0, -1) });
      else if (/^\d$/.test(event.key) && sofar.length < 4) s.set({ learnUnits: sofar + event.key });
      s.set({ learnUnitsTyped: true });
      return s.done(true);
    }
    case 'setLearnUnits':
      s.set({ learnUnits: event.value.replace(/\D/g, '').slice(0, 4), learnUnitsTyped: true });
      return s.done();
    case 'learned':
      s.set({ learnable: undefined, learnUnits: '1', learnUnitsTyped: false });
      s.say('ok', learned(event.code, event.sku, event.units), 'good');
      return s.done(true);
    case 'learnFailed':
      s.say('error', event.error, 'unknown');
      return s.done(false);
    case 'cancelLines': {
      const { orderId } = s.state;
      if (!orderId || handsOff(s)) return s.done(false);
      const count = event.lines.reduce((n, l) => n + l.quantity, 0);
      write(s, {
        method: 'pack.cancel',
        input: { orderId, lines: event.lines, reason: event.reason },
        done: cancelledQueued(count, event.reason),
      });
      return s.done();
    }
    case 'updateRecord': {
      const { orderId } = s.state;
      const { record, patch } = event;
      if (!orderId || !record.id || handsOff(s)) return s.done(false);
      if (record.kind === 'fulfillment')
        write(s, {
          method: 'pack.updateFulfillment',
          input: {
            orderId,
            fulfillmentId: record.id,
            lines: patch.lines,
            carrier: patch.carrier ?? (record.carrier as Carrier),
            trackingNumber: patch.trackingNumber ?? record.trackingNumber ?? '',
            confirmed: true,
          },
          done: S.fulfillmentChanged,
        });
      else
        write(s, {
          method: 'pack.updateCancellation',
          input: {
            orderId,
            cancellationId: record.id,
            lines: patch.lines,
            reason: patch.reason ?? (record.reason as CancellationReason),
            confirmed: true,
          },
          done: S.cancellationChanged,
        });
      return s.done();
    }
    case 'deleteRecord': {
      const { orderId } = s.state;
      const { record } = event;
      if (!orderId || !record.id || handsOff(s)) return s.done(false);
      write(s, {
        method: 'pack.deleteRecord',
        input: { orderId, kind: record.kind, id: record.id, confirmed: true },
        done: record.kind === 'fulfillment' ? S.fulfillmentDeleted : S.cancellationDeleted,
      });
      return s.done();
    }
    case 'refresh':
      if (s.state.orderId) s.call({ method: 'pack.refresh', orderId: s.state.orderId });
      return s.done();
    case 'refreshed':
      withProgress(s, event.state);
      s.say('info', S.readAgain);
      return s.done();
    case 'refreshFailed':
      s.say('error', event.error);
      return s.done();
    case 'setDialog':
      if ((event.dialog === 'cancel' || event.dialog === 'fix') && handsOff(s)) return s.done();
      // Digits typed in or after a dialog are not a quantity for the last scan.
      s.set({ dialog: event.dialog, quantity: '', quantityArmed: false });
      return s.done();
  }
}
