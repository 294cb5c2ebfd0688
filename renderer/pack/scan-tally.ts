// Over-scans for the Stats screen's mis-scan counts. Main counts every scan and knows a wrong item
// or a code that means nothing (pack.scan); only the reducer knows a unit was one more than is
// left — its sentence carries the 'over' tone. This reads that verdict off one reducer step.
import type { PackEvent, PackStep } from './reducer';

/**
 * An item scan on an open order whose unit the reducer refused as one too many: main's answer
 * (`scanned`), or a scan of the open order's own item answered on the page (`scan`).
 */
export function isOverScan(
  openOrderId: string | undefined,
  event: PackEvent,
  step: PackStep,
): boolean {
  if (!openOrderId) return false;
  const item =
    (event.type === 'scanned' && event.result.kind === 'item') ||
    (event.type === 'scan' && step.effects.some((e) => e.kind === 'count'));
  if (!item) return false;
  return step.effects.some((e) => e.kind === 'say' && e.message.sound === 'over');
}
