// What the page tells main about itself, registered once at start (main.tsx): uncaught errors
// and unhandled rejections go to main's log (and so into Save diagnostics), and whether an
// order is open on the Pack screen, so an update never restarts Packline under a packer.
import { REPORT_LIMITS, type RendererErrorReport } from '../preload/api/support';
import { bridge } from './bridge/api';
import { usePackStore } from './store/pack';

const cut = (text: string, max: number) =>
  text.length > max ? text.slice(0, max - 1) + '…' : text;

function describe(reason: unknown): { message: string; stack?: string } {
  if (reason instanceof Error)
    return { message: `${reason.name}: ${reason.message}`, stack: reason.stack };
  try {
    return {
      message: typeof reason === 'string' ? reason : (JSON.stringify(reason) ?? String(reason)),
    };
  } catch {
    return { message: String(reason) };
  }
}

export function errorReport(
  kind: RendererErrorReport['kind'],
  reason: unknown,
  source?: string,
): RendererErrorReport {
  const { message, stack } = describe(reason);
  return {
    kind,
    message: cut(message || 'no message', REPORT_LIMITS.message),
    ...(stack ? { stack: cut(stack, REPORT_LIMITS.stack) } : {}),
    ...(source ? { source: cut(source, REPORT_LIMITS.source) } : {}),
  };
}

export function installStationReports(target: Window = window): () => void {
  const send = (report: RendererErrorReport) => {
    // A report that fails has nowhere else to go; it must not raise another error.
    bridge()
      .call('support.reportError', report)
      .catch(() => undefined);
  };
  const onError = (event: ErrorEvent) =>
    send(
      errorReport(
        'error',
        event.error ?? event.message,
        event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined,
      ),
    );
  const onRejection = (event: PromiseRejectionEvent) =>
    send(errorReport('unhandledrejection', event.reason));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);

  let orderOpen: boolean | undefined;
  const report = (open: boolean) => {
    if (open === orderOpen) return;
    orderOpen = open;
    bridge()
      .call('updates.reportActivity', { orderOpen: open })
      .catch(() => undefined);
  };
  report(usePackStore.getState().orderId !== undefined);
  const unsubscribe = usePackStore.subscribe((state) => report(state.orderId !== undefined));

  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
    unsubscribe();
  };
}
