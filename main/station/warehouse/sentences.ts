// What a packer reads about claims: one sentence each, with what to do next.
import type { Holder } from './claims';

export const WORKING_ALONE =
  'Working alone — other stations cannot see your claims. Packline keeps trying the warehouse database.';

function clock(at: Date): string {
  return at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function heldSentence(h: Holder): string {
  return `Being packed at ${h.stationName} by ${h.packer} since ${clock(h.claimedAt)} — pick another order, or ask ${h.packer} to let it go.`;
}

export function staleSentence(h: Holder, now: Date): string {
  const minutes = Math.max(1, Math.round((now.getTime() - h.heartbeatAt.getTime()) / 60_000));
  return `Being packed at ${h.stationName} by ${h.packer} since ${clock(h.claimedAt)}, but that station has not answered for ${minutes} min — open the order again to take it over.`;
}

export function lostClaimSentence(h: Holder): string {
  return `${h.stationName} (${h.packer}) took this order over at ${clock(h.heartbeatAt)} — this package was not shipped; hand the box to ${h.packer}.`;
}

export function overSentence(
  line: string,
  packed: number,
  allowed: number,
  cancelledElsewhere = false,
): string {
  const left = Math.max(0, allowed - packed);
  const did = cancelledElsewhere ? 'packed or cancelled' : 'packed';
  if (left === 0)
    return `Other stations already ${did} every unit of ${line} — this package was not shipped; take ${line} out of the box.`;
  return cancelledElsewhere
    ? `Other stations already packed or cancelled part of ${line}, only ${left} left — this package was not shipped; take the rest out.`
    : `Other stations already packed ${packed} of ${line}, only ${left} left — this package was not shipped; take the rest out.`;
}

/** A CSV-imported package on an order another station has open. */
export function importHeldSentence(h: Holder): string {
  return `Being packed at ${h.stationName} by ${h.packer} since ${clock(h.claimedAt)} — not queued; leave it to ${h.packer}, or import the row again once the order is let go.`;
}

/** A CSV-imported package for units other stations packed already. */
export function importOverSentence(line: string, packed: number, allowed: number): string {
  const left = Math.max(0, allowed - packed);
  return left === 0
    ? `Other stations already packed every unit of ${line} — not queued; check the file.`
    : `Other stations already packed ${packed} of ${line}, only ${left} left — not queued; check the file.`;
}

/** A cancellation refused because the claim is another station's. */
export function lostClaimCancelSentence(h: Holder): string {
  return `${h.stationName} (${h.packer}) took this order over at ${clock(h.heartbeatAt)} — nothing was cancelled; ask ${h.packer} to cancel it.`;
}

/** A cancellation of units other stations packed or cancelled already. */
export function overCancelSentence(line: string, left: number): string {
  return left === 0
    ? `Other stations already packed or cancelled every unit of ${line} — nothing was cancelled.`
    : `Other stations already packed or cancelled part of ${line}, only ${left} left to cancel — nothing was cancelled; cancel at most ${left}.`;
}
