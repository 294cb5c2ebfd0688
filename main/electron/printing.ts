// Electron's print output: renders the same print page the browser uses (renderer/print) in a
// hidden, sandboxed window with no preload — it gets its document from here, never the bridge —
// and prints it to the chosen printer (silently when Settings say so) or saves it as PDF.
// Paper size is always passed explicitly: left to the printer driver, a 4×6 label printer
// silently scales an A4 layout onto the label, which is where other apps go wrong.
import {
  BrowserWindow,
  dialog,
  type BrowserWindowConstructorOptions,
  type SaveDialogOptions,
  type WebContentsPrintOptions,
} from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageSize, PrinterInfo } from '../../preload/api/printing';
import type { Logger } from '../log';
import type { PrintOutput, ResolvedPrintJob } from '../station/printing/service';
import { APP_ORIGIN } from './protocol';

/** The part of a BrowserWindow this module uses (tests pass a fake). */
interface PrintWindow {
  webContents: {
    loadURL: (url: string) => Promise<void>;
    executeJavaScript: (code: string) => Promise<unknown>;
    print: (
      options: WebContentsPrintOptions,
      callback: (ok: boolean, reason: string) => void,
    ) => void;
    printToPDF: (options: Electron.PrintToPDFOptions) => Promise<Buffer>;
    getPrintersAsync: () => Promise<Electron.PrinterInfo[]>;
  };
  destroy: () => void;
  isDestroyed: () => boolean;
}

export interface ElectronPrintDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => PrintWindow;
  showSaveDialog: (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>;
  writeFile: (path: string, data: Buffer) => Promise<void>;
  downloadsDir: string;
  log: Logger;
  /** How long the page may take to render its barcodes. */
  readyTimeoutMs?: number;
}

const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 900,
  height: 1200,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    javascript: true,
    spellcheck: false,
    // No preload: the print page has no bridge; main hands it the one document it prints.
  },
};

const MICRONS_PER_INCH = 25_400;
/** webContents.print takes custom sizes in microns. */
function printPageSize(size: PageSize): WebContentsPrintOptions['pageSize'] {
  return size === '4x6' ? { width: 4 * MICRONS_PER_INCH, height: 6 * MICRONS_PER_INCH } : size;
}
/** printToPDF takes custom sizes in inches. */
function pdfPageSize(size: PageSize): Electron.PrintToPDFOptions['pageSize'] {
  return size === '4x6' ? { width: 4, height: 6 } : size;
}

export function printPageUrl(job: ResolvedPrintJob): string {
  const { top, right, bottom, left } = job.margins;
  const q = new URLSearchParams({
    kind: job.document.kind,
    source: 'main',
    pageSize: job.pageSize,
    margins: [top, right, bottom, left].join(','),
  });
  return `${APP_ORIGIN}/print/print.html?${q.toString()}`;
}

export function createElectronPrintOutput(deps: ElectronPrintDeps): PrintOutput {
  const timeout = deps.readyTimeoutMs ?? 30_000;

  async function render<T>(job: ResolvedPrintJob, use: (w: PrintWindow) => Promise<T>): Promise<T> {
    const win = deps.createWindow(PRINT_WINDOW_OPTIONS);
    try {
      await win.webContents.loadURL(printPageUrl(job));
      // JSON is valid JavaScript; the page parses it with the contract's schema again.
      await win.webContents.executeJavaScript(
        `window.packlinePrintDocument = ${JSON.stringify(job.document)};` +
          `window.dispatchEvent(new Event('packline:print-document'));`,
      );
      const ready = await win.webContents.executeJavaScript(
        `new Promise((resolve) => { const until = Date.now() + ${timeout};` +
          ` const check = () => { const r = document.body.dataset.ready;` +
          ` if (r || Date.now() > until) resolve(r ?? 'timeout'); else setTimeout(check, 25); }; check(); })`,
      );
      if (ready !== 'true') throw new Error(`the print page did not get ready (${String(ready)})`);
      return await use(win);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  return {
    async printers(): Promise<PrinterInfo[]> {
      const win = deps.createWindow(PRINT_WINDOW_OPTIONS);
      try {
        const printers = await win.webContents.getPrintersAsync();
        return printers.map((p) => ({
          name: p.name,
          displayName: p.displayName || p.name,
          isDefault:
            (p.options as Record<string, string> | undefined)?.['printer-is-default'] === 'true',
        }));
      } finally {
        if (!win.isDestroyed()) win.destroy();
      }
    },

    print(job) {
      return render(
        job,
        (win) =>
          new Promise<boolean>((resolve, reject) => {
            win.webContents.print(
              {
                silent: job.silent,
                ...(job.printer ? { deviceName: job.printer } : {}),
                printBackground: true,
                pageSize: printPageSize(job.pageSize),
                // The page's own @page margins (from the same settings) place the content.
                margins: { marginType: 'default' },
              },
              (ok, reason) => {
                if (ok) return resolve(true);
                // Cancelling the dialog is the packer's choice, not a failure.
                if (/cancel/i.test(reason)) return resolve(false);
                deps.log.error('printing failed', { reason, printer: job.printer });
                reject(new Error(`Printing failed: ${reason}`));
              },
            );
          }),
      );
    },

    async savePdf(job) {
      const name = job.document.kind === 'pick-list' ? 'Pick list.pdf' : 'Packing slips.pdf';
      const choice = await deps.showSaveDialog({
        title: 'Save as PDF',
        defaultPath: join(deps.downloadsDir, name),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      if (choice.canceled || !choice.filePath) return undefined;
      const pdf = await render(job, (win) =>
        win.webContents.printToPDF({
          pageSize: pdfPageSize(job.pageSize),
          preferCSSPageSize: true,
          printBackground: true,
        }),
      );
      await deps.writeFile(choice.filePath, pdf);
      deps.log.info('pdf saved', { kind: job.document.kind });
      return choice.filePath;
    },
  };
}

/** The real thing, for main/electron.ts. */
export function electronPrintOutput(options: {
  log: Logger;
  downloadsDir: string;
  parent: () => BrowserWindow | undefined;
}): PrintOutput {
  return createElectronPrintOutput({
    createWindow: (o) => new BrowserWindow(o),
    showSaveDialog: (o) => {
      const parent = options.parent();
      return parent ? dialog.showSaveDialog(parent, o) : dialog.showSaveDialog(o);
    },
    writeFile: (path, data) => writeFile(path, data),
    downloadsDir: options.downloadsDir,
    log: options.log,
  });
}
