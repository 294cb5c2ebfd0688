// The page's uncaught errors, written to main's log so they reach Save diagnostics. A page stuck
// in an error loop could fill the log in seconds, so at most `perMinute` reports are written a
// minute; the rest are counted and the count is logged with the next report that fits.
import type { RendererErrorReport } from '../../preload/api/support';
import type { Logger } from '../log';

export function createRendererErrorLog(
  log: Logger,
  options: { perMinute?: number; now?: () => number } = {},
): (report: RendererErrorReport) => void {
  const perMinute = options.perMinute ?? 20;
  const now = options.now ?? Date.now;
  let windowStart = 0;
  let written = 0;
  let dropped = 0;
  return (report) => {
    const at = now();
    if (at - windowStart >= 60_000) {
      windowStart = at;
      written = 0;
    }
    if (written >= perMinute) {
      dropped += 1;
      return;
    }
    written += 1;
    // `message` is the log line's own field, so the page's message travels as `pageError`.
    log.error('error in the page', {
      kind: report.kind,
      pageError: report.message,
      ...(report.stack ? { stack: report.stack } : {}),
      ...(report.source ? { source: report.source } : {}),
      ...(dropped > 0 ? { droppedBefore: dropped } : {}),
    });
    dropped = 0;
  };
}
