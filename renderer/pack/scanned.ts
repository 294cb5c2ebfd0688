// A scan at the bench: a command barcode acts at once; any other code goes to main, whose answer
// (an item, a tracking number, an order, a wave, or nothing known) comes back as `scanned`.
import {
  PACK_SENTENCES as S,
  caseOverScan,
  casePacked,
  offerToLearn,
  offerToLearnCase,
  overScan,
  trackingFitsSeveral,
  trackingFor,
} from '../../common/pack-sentences';
import { inBox, lineForScan } from '../../common/packing';
import type { ScanResult } from '../../preload/api/pack';

import { addUnits, emptyBox, handsOff, maybeAutoShip, shipKey } from './box-rules';
import { COMMANDS, lineLabel, type Step } from './model';
import { itemOfOpenOrder } from './open-order-items';

type Answer<K extends ScanResult['kind']> = Extract<ScanResult, { kind: K }>;

export function scan(s: Step, raw: string, shipOnLastScan: boolean): void {
  const code = raw.trim();
  if (code === COMMANDS.ship) return shipKey(s);
  if (code === COMMANDS.emptyBox) return emptyBox(s);
  // "Next order" stays allowed: moving on is exactly what to do with such an order.
  if (code === COMMANDS.nextOrder) {
    s.effects.push({ kind: 'navigate', to: 'next-order' });
    return;
  }
  const { orderId, progress } = s.state;
  const item = progress ? itemOfOpenOrder(s.state.order, code) : undefined;
  if (orderId && item) {
    // Answered here as main would; main still counts the scan for the Stats screen.
    s.effects.push({ kind: 'count', code, openOrderId: orderId });
    return scanned(s, code, item, shipOnLastScan);
  }
  s.call({ method: 'pack.scan', code, openOrderId: orderId ?? null });
}

export function scanned(s: Step, code: string, result: ScanResult, shipOnLastScan: boolean): void {
  s.set({ confirmPartial: false, caseScan: undefined });
  // Only another order's number (or a wave) does anything on an order the marketplace fulfils.
  if (result.kind !== 'order' && result.kind !== 'wave' && handsOff(s)) return;
  switch (result.kind) {
    case 'wave':
      s.effects.push({ kind: 'navigate', to: 'wave', code });
      return;
    case 'order':
      if (result.orderIds.includes(s.state.orderId ?? '')) s.say('info', S.alreadyOpen);
      else s.effects.push({ kind: 'navigate', to: 'order', code });
      return;
    case 'item':
      return scannedItem(s, result, shipOnLastScan);
    case 'tracking':
      return scannedTracking(s, result, shipOnLastScan);
    case 'unknown':
      return scannedUnknown(s, result);
  }
}

function scannedItem(s: Step, result: Answer<'item'>, shipOnLastScan: boolean): void {
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
}

function scannedTracking(s: Step, result: Answer<'tracking'>, shipOnLastScan: boolean): void {
  const [only, ...more] = result.candidates;
  if (!only || more.length > 0) {
    s.set({
      trackingNumber: result.trackingNumber,
      carrier: '',
      trackingUrl: '',
      candidates: result.candidates,
      quantityArmed: false,
    });
    s.say(
      'warning',
      [trackingFitsSeveral(result.trackingNumber, result.candidates.length), result.usedElsewhere]
        .filter(Boolean)
        .join(' '),
      'good',
    );
    return;
  }
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
}

function scannedUnknown(s: Step, result: Answer<'unknown'>): void {
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
    canLearn ? offerToLearn(result.message, lineLabel(s.state.order, selected)) : result.message,
    result.reason === 'wrong-item' ? 'wrong' : 'unknown',
  );
}
