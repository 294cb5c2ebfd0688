// What the packer reads at the bench about the box, the package and the order: one sentence each,
// saying what happened and what to do next. Kept apart from the rules that decide when each is
// said, so the wording can be read (and changed) in one place.
import { units } from './format';

export const PACK_SENTENCES = {
  alreadyOpen: 'This order is already open.',
  nextOrder: 'Scan the next order.',
  nothingLeft: 'Nothing left to pack on this order — scan the next order.',
  nothingToShip: 'Nothing to ship here.',
  shipping: 'Shipping…',
  stillOpening: 'The order is still opening.',
  emptyBoxFirst: 'The box is empty — scan an item first.',
  trackingFirst: 'Scan the tracking label first.',
  carrierFirst: 'Choose the carrier first.',
  boxEmptied: 'The box is empty — scan items again.',
  readAgain: 'Read the order from FeedAMP again.',
  fulfillmentChanged: 'The change to the shipment is queued to upload.',
  cancellationChanged: 'The change to the cancellation is queued to upload.',
  fulfillmentDeleted: 'Deleting the shipment is queued to upload.',
  cancellationDeleted: 'Deleting the cancellation is queued to upload.',
} as const;

/** A scan or a "+" with no room left for the line in this box. */
export function overScan(name: string, left: number): string {
  return left === 0
    ? `Over-scan: nothing is left of ${name} to pack — put it back.`
    : `Over-scan: all ${left} of ${name} are already in the box — put it back.`;
}

/** A typed quantity larger than what is left of the line. */
export function tooMany(name: string, left: number, typed: number): string {
  return `Over-scan: only ${units(left)} of ${name} left — ${typed} is too many.`;
}

/** A unit went in (or out of) the box; when the box holds the rest of the order, what comes next. */
export function packed(
  name: string,
  inBox: number,
  left: number,
  next: 'more' | 'ship' | 'tracking',
): string {
  if (next === 'ship')
    return `${name}: ${inBox} of ${left} — everything is in the box. Press Enter to ship.`;
  if (next === 'tracking')
    return `${name}: ${inBox} of ${left} — everything is in the box. Scan the tracking label.`;
  return `${name}: ${inBox} of ${left} in the box.`;
}

export function notAQuantity(typed: string): string {
  return `“${typed}” is not a quantity — type digits, or Esc.`;
}

export function trackingFor(trackingNumber: string, carrier: string): string {
  return `Tracking ${trackingNumber} — ${carrier}.`;
}

export function trackingFitsSeveral(trackingNumber: string, carriers: number): string {
  return `Tracking ${trackingNumber} fits ${carriers} carriers — press 1 to ${carriers} to choose.`;
}

export function carrierChosen(carrier: string): string {
  return `Carrier: ${carrier}.`;
}

/** An unknown code the packer may keep as another name of the selected line's item. */
export function offerToLearn(message: string, name: string): string {
  return `${message} Press L to learn it as ${name}.`;
}

export function learned(code: string, sku: string, units = 1): string {
  return units === 1
    ? `Learned ${code} as ${sku} — scan it again to pack it.`
    : `Learned ${code} as a case of ${units} ${sku} — scan it again to pack it.`;
}

/** A GTIN-14 whose packaging indicator wraps an item on the order: only the count is asked. */
export function offerToLearnCase(code: string, name: string): string {
  return `${code} is a case of ${name} — type how many units it holds, then press L.`;
}

/** The learn offer's units are not a count. */
export function unitsToLearn(code: string, name: string): string {
  return `Type how many units of ${name} ${code} holds (1 to 9999), then press L.`;
}

/** A case scan put its units in the box: what went in, then the usual box sentence. */
export function casePacked(units: number, sentence: string): string {
  return `Case of ${units} — ${sentence}`;
}

/** A case holds more than is left of its line: refused whole, nothing goes in. */
export function caseOverScan(name: string, units: number, room: number): string {
  return room === 0
    ? `Over-scan: this case holds ${units} of ${name} but none are left — put it back.`
    : `Over-scan: this case holds ${units} of ${name} but only ${room} ${room === 1 ? 'is' : 'are'} left — scan single units instead.`;
}

/** A quantity typed after a case scan counts cases: "3 × case of 6 = 18". */
export function casesTimes(cases: number, units: number): string {
  return `${cases} × case of ${units} = ${cases * units}`;
}

/** Typed cases hold more than is left of the line. */
export function tooManyCases(name: string, cases: number, units: number, room: number): string {
  return `Over-scan: ${casesTimes(cases, units)} of ${name}, but only ${room} ${room === 1 ? 'is' : 'are'} left — type fewer cases.`;
}

export function partialPackage(leftAfter: number): string {
  return `This package leaves ${units(leftAfter)} on the order. Press Enter again to ship it as a partial package.`;
}

export function shippedLast(count: number): string {
  return `Shipped ${units(count)} — order complete. Scan the next order.`;
}

export function shippedPartial(count: number, left: number): string {
  return `Shipped ${units(count)} in this package. ${units(left)} left — pack the next package.`;
}

export function cancelledQueued(count: number, reason: string): string {
  return `Cancelled ${units(count)} (${reason.replace(/_/g, ' ')}) — queued to upload.`;
}
