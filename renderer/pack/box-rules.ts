// The rules every Pack event shares: what goes into the box, when a package may ship, and the
// marketplace's hands-off orders. Each takes the step being built and adds to it.
import {
  PACK_SENTENCES as S,
  casesTimes,
  overScan,
  packed,
  partialPackage,
  tooManyCases,
} from '../../common/pack-sentences';
import {
  addToBox,
  boxCompletesOrder,
  boxLines,
  boxUnits,
  fitBox,
  inBox,
  leftAfterBox,
} from '../../common/packing';
import type { PackState } from '../../preload/api/pack';

import { lineLabel, type BridgeCall, type PackData, type Step } from './model';

/** Units that are no longer left (another station, an upload) leave the box. */
export function withProgress(s: Step, progress: PackState): void {
  s.set({ progress, box: fitBox(s.state.box, progress.lines) });
}

/**
 * The marketplace fulfils the open order: says main's sentence and is true, so the caller
 * changes nothing. Main refuses such writes on its own; this spares the packer a round trip.
 */
export function handsOff(s: Step): boolean {
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
export function maybeAutoShip(s: Step, shipOnLastScan: boolean): void {
  const { progress, box } = s.state;
  if (!shipOnLastScan) return;
  if (!progress || shipReady(s.state) || !boxCompletesOrder(box, progress.lines)) return;
  ship(s);
}

/** `prefix`: what the sentence starts with ("Case of 6 — "), for a case scan or typed cases. */
export function addUnits(
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

export function ship(s: Step): void {
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

export function shipKey(s: Step): void {
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

export function emptyBox(s: Step): void {
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

/**
 * "×3" after a scan of a case of 6: three cases, 18 units, on top of what the line had in the box
 * before that scan. Refused whole when more than is left.
 */
export function applyCases(
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

/** A write to the order's records: busy until main answers. */
export function write(s: Step, call: BridgeCall): void {
  s.set({ busy: true });
  s.call(call);
}
