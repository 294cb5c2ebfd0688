// The print page: its own Vite entry, so printing never loads into (or blocks) the pack screen.
// It reads what to print from its URL, gets the document over the bridge (browser mode shares
// the app's per-launch secret through sessionStorage) or from Electron's main, renders it, and
// sets `document.body.dataset.ready` — 'true' once every barcode is drawn, 'error' otherwise —
// which the tests, the browser's auto-print and Electron's printer all wait for.
import { StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  printDocumentSchema,
  type Margins,
  type PageSize,
  type PrintDocument,
} from '../../preload/api/printing';
import { printBridge, PrintBridgeError } from './print-bridge';
import { PackingSlips } from './PackingSlip';
import { PickList } from './PickList';
import { pageRule, parsePrintParams, type PrintParams } from './params';
import './print.css';
import { count, ORDER } from '../../common/format';

declare global {
  interface Window {
    /** Set by Electron's main (main/electron/printing.ts) when the page has no bridge. */
    packlinePrintDocument?: unknown;
  }
}

const DEFAULT_MARGINS: Margins = { top: 10, right: 10, bottom: 10, left: 10 };

async function fromBridge(params: PrintParams): Promise<PrintDocument> {
  const choice = params.orderIds
    ? { orderIds: params.orderIds }
    : { nextByShipBy: params.next ?? 1 };
  if (params.kind === 'pick-list')
    return { kind: 'pick-list', pickList: await printBridge.pickList(choice) };
  const orderIds =
    params.orderIds ?? (await printBridge.pickList(choice)).orders.map((o) => o.orderId);
  return { kind: 'packing-slips', packingSlips: await printBridge.packingSlips(orderIds) };
}

function fromMain(): Promise<PrintDocument> {
  const take = () => printDocumentSchema.parse(window.packlinePrintDocument);
  if (window.packlinePrintDocument !== undefined) return Promise.resolve(take());
  return new Promise((resolve, reject) => {
    window.addEventListener(
      'packline:print-document',
      () => {
        try {
          resolve(take());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      { once: true },
    );
  });
}

async function paper(params: PrintParams): Promise<{ pageSize: PageSize; margins: Margins }> {
  if (params.pageSize && params.margins)
    return { pageSize: params.pageSize, margins: params.margins };
  let saved: { pageSize: PageSize; margins: Margins } | undefined;
  if (params.source === 'bridge') {
    saved = await printBridge.paper().catch(() => undefined);
  }
  return {
    pageSize: params.pageSize ?? saved?.pageSize ?? 'A4',
    margins: params.margins ?? saved?.margins ?? DEFAULT_MARGINS,
  };
}

/** @page cannot be set per class; a constructed sheet is CSSOM, which the CSP allows. */
function applyPage(pageSize: PageSize, margins: Margins): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(pageRule(pageSize, margins));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  document.documentElement.dataset.pageSize = pageSize;
}

function Ready({ children, title }: { children: React.ReactNode; title: string }) {
  useEffect(() => {
    document.title = title;
    // After the commit and one frame, every barcode SVG is in the layout.
    requestAnimationFrame(() => {
      void document.fonts.ready.then(() => {
        document.body.dataset.ready = 'true';
      });
    });
  }, [title]);
  return <>{children}</>;
}

function Document({ doc }: { doc: PrintDocument }) {
  if (doc.kind === 'pick-list') {
    const n = doc.pickList.orderCount;
    return (
      <Ready title={`Pick list — ${count(n, ORDER)}`}>
        <PickList data={doc.pickList} />
      </Ready>
    );
  }
  const n = doc.packingSlips.slips.length;
  return (
    <Ready title={`Packing slips — ${count(n, ORDER)}`}>
      <PackingSlips data={doc.packingSlips} />
    </Ready>
  );
}

function showProblem(root: ReturnType<typeof createRoot>, message: string): void {
  root.render(
    <p role="alert" className="print-problem">
      {message}
    </p>,
  );
  document.body.dataset.ready = 'error';
}

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const parsed = parsePrintParams(window.location.search);
  if (!parsed.ok) return showProblem(root, parsed.problem);
  const { params } = parsed;
  try {
    const [doc, { pageSize, margins }] = await Promise.all([
      params.source === 'main' ? fromMain() : fromBridge(params),
      paper(params),
    ]);
    applyPage(pageSize, margins);
    if (params.autoprint) {
      window.addEventListener('afterprint', () => window.close(), { once: true });
      new MutationObserver((_m, observer) => {
        if (document.body.dataset.ready !== 'true') return;
        observer.disconnect();
        window.print();
      }).observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
    }
    // A barcode of text beyond ASCII suspends while its encoder loads; the document, and so
    // Ready's effect, commits only once every barcode is drawn.
    root.render(
      <StrictMode>
        <Suspense fallback={null}>
          <Document doc={doc} />
        </Suspense>
      </StrictMode>,
    );
  } catch (error) {
    showProblem(
      root,
      error instanceof PrintBridgeError
        ? error.message
        : 'Packline could not prepare this page; the log has the details.',
    );
    if (!(error instanceof PrintBridgeError)) console.error(error);
  }
}

void start();
