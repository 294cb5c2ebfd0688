// The one call screens make to print: `openPrintView({ kind, orderIds | next, pageSize })`.
// In Electron main renders the print page in a hidden window and prints it (or saves a PDF);
// in browser mode the print page opens in a new window, which shares this tab's session (and
// so the bridge secret) and opens the browser's print dialog once its barcodes are drawn.
// Either way the pack screen keeps running: nothing here waits on the printer.
import type { Margins, PageSize, PrintKind } from '../../preload/api/printing';
import { bridge } from '../bridge/api';
import { printQuery } from './params';

export type PrintRequest = {
  kind: PrintKind;
  pageSize?: PageSize;
  margins?: Margins;
  /** Electron: "Save as PDF" instead of printing. */
  pdf?: boolean;
} & ({ orderIds: string[]; next?: undefined } | { next: number; orderIds?: undefined });

export type PrintOutcome =
  | { via: 'browser'; opened: boolean }
  | { via: 'electron'; printed: boolean }
  | { via: 'electron-pdf'; path?: string };

export async function openPrintView(request: PrintRequest): Promise<PrintOutcome> {
  const choice =
    request.orderIds !== undefined
      ? { orderIds: request.orderIds }
      : { nextByShipBy: request.next };
  if (window.packline) {
    const job = {
      kind: request.kind,
      ...choice,
      ...(request.pageSize ? { pageSize: request.pageSize } : {}),
      ...(request.margins ? { margins: request.margins } : {}),
    };
    if (request.pdf) {
      const { path } = await bridge().call('printing.savePdf', job);
      return path === undefined ? { via: 'electron-pdf' } : { via: 'electron-pdf', path };
    }
    const { printed } = await bridge().call('printing.print', job);
    return { via: 'electron', printed };
  }
  const query = printQuery({
    kind: request.kind,
    ...(request.orderIds ? { orderIds: request.orderIds } : { next: request.next }),
    ...(request.pageSize ? { pageSize: request.pageSize } : {}),
    ...(request.margins ? { margins: request.margins } : {}),
    autoprint: true,
  });
  // Not `noopener`: the print page needs this tab's sessionStorage copy (the bridge secret).
  const opened = window.open(
    `./print/print.html?${query}`,
    '_blank',
    'popup,width=900,height=1000',
  );
  return { via: 'browser', opened: opened !== null };
}
