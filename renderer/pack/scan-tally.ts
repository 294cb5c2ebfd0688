// How a scan on the Pack screen went, for the Stats screen's mis-scan counts. The judging itself
// stays where it is: main says a code is not on this order or means nothing (pack.scan), and the
// reducer refuses a unit past what is left (its sentence carries the 'over' tone). This only
// reads those two verdicts off one reducer step.
import type { ScanOutcome } from '../../preload/api/stats';
import type { PackEvent, PackStep } from './reducer';

/** The outcome of a `scanned` event on an open order; undefined for every other event. */
export function scanOutcome(
  openOrderId: string | undefined,
  event: PackEvent,
  step: PackStep,
): ScanOutcome | undefined {
  if (event.type !== 'scanned' || !openOrderId) return undefined;
  const { result } = event;
  if (result.kind === 'unknown') {
    if (result.reason === 'wrong-item') return 'wrong-item';
    if (result.reason === 'no-open-order') return undefined;
    return 'not-understood';
  }
  const overScan = step.effects.some((e) => e.kind === 'say' && e.message.sound === 'over');
  return overScan ? 'over-scan' : 'ok';
}
