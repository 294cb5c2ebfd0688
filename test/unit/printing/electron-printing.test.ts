// Electron's print output against a fake window: Electron's binary cannot run here, so these
// prove what main asks of Chromium (URL, injected document, paper, printer, PDF) with fakes.
import { describe, expect, it, vi } from 'vitest';
import type { WebContentsPrintOptions } from 'electron';

vi.mock('electron', () => ({ BrowserWindow: class {}, dialog: {} }));

const { createElectronPrintOutput, printPageUrl } = await import('../../../main/electron/printing');
const { silentLogger } = await import('../../../main/log');
type Job = import('../../../main/station/printing/service').ResolvedPrintJob;

const job: Job = {
  document: {
    kind: 'packing-slips',
    packingSlips: { station: 'S1', generatedAt: '2025-01-01T00:00:00Z', slips: [], missing: [] },
  },
  printer: 'Zebra_ZD421',
  silent: true,
  pageSize: '4x6',
  margins: { top: 2, right: 2, bottom: 2, left: 2 },
};

function fakeWindow(opts: { ready?: string; printResult?: [boolean, string] } = {}) {
  const calls = {
    urls: [] as string[],
    scripts: [] as string[],
    print: [] as WebContentsPrintOptions[],
  };
  let destroyed = false;
  const win = {
    webContents: {
      loadURL: vi.fn(async (url: string) => void calls.urls.push(url)),
      executeJavaScript: vi.fn(async (code: string) => {
        calls.scripts.push(code);
        return code.startsWith('new Promise') ? (opts.ready ?? 'true') : undefined;
      }),
      print: vi.fn((o: WebContentsPrintOptions, cb: (ok: boolean, reason: string) => void) => {
        calls.print.push(o);
        const [ok, reason] = opts.printResult ?? [true, ''];
        cb(ok, reason);
      }),
      printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7')),
      getPrintersAsync: vi.fn(async () => [
        { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: '', options: {} },
        {
          name: 'Office',
          displayName: '',
          description: '',
          options: { 'printer-is-default': 'true' },
        },
      ]),
    },
    destroy: () => void (destroyed = true),
    isDestroyed: () => destroyed,
  };
  return { win, calls, destroyed: () => destroyed };
}

function output(win: ReturnType<typeof fakeWindow>['win'], save?: string) {
  const written: [string, Buffer][] = [];
  const out = createElectronPrintOutput({
    createWindow: () => win,
    showSaveDialog: async () => (save ? { canceled: false, filePath: save } : { canceled: true }),
    writeFile: async (p, d) => void written.push([p, d]),
    downloadsDir: '/home/packer/Downloads',
    log: silentLogger,
    readyTimeoutMs: 1000,
  });
  return { out, written };
}

describe('Electron printing', () => {
  it('prints a 4×6 label silently to the chosen printer at 4×6 inches, never the driver default', async () => {
    const f = fakeWindow();
    expect(await output(f.win).out.print(job)).toBe(true);
    expect(f.calls.print[0]).toMatchObject({
      silent: true,
      deviceName: 'Zebra_ZD421',
      pageSize: { width: 101_600, height: 152_400 },
    });
    expect(f.destroyed()).toBe(true);
  });

  it('loads the same print page from app://, with the paper in its URL and the document injected', async () => {
    const f = fakeWindow();
    await output(f.win).out.print(job);
    expect(f.calls.urls[0]).toBe(printPageUrl(job));
    expect(f.calls.urls[0]).toMatch(
      /^app:\/\/packline\/print\/print\.html\?kind=packing-slips&source=main&pageSize=4x6&margins=2%2C2%2C2%2C2$/,
    );
    expect(f.calls.scripts[0]).toContain('"kind":"packing-slips"');
  });

  it('treats a cancelled print dialog as not printed, and a failed job as an error', async () => {
    const cancelled = fakeWindow({ printResult: [false, 'Print job canceled'] });
    expect(await output(cancelled.win).out.print({ ...job, silent: false })).toBe(false);
    const failed = fakeWindow({ printResult: [false, 'Print job failed'] });
    await expect(output(failed.win).out.print(job)).rejects.toThrow('Print job failed');
    expect(failed.destroyed()).toBe(true);
  });

  it('does not print a page that never got ready', async () => {
    const f = fakeWindow({ ready: 'error' });
    await expect(output(f.win).out.print(job)).rejects.toThrow('did not get ready');
    expect(f.calls.print).toHaveLength(0);
  });

  it('saves a PDF where the packer chooses, and nothing when they cancel', async () => {
    const f = fakeWindow();
    const { out, written } = output(f.win, '/tmp/slips.pdf');
    expect(await out.savePdf(job)).toBe('/tmp/slips.pdf');
    expect(f.win.webContents.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: { width: 4, height: 6 }, preferCSSPageSize: true }),
    );
    expect(written[0]![0]).toBe('/tmp/slips.pdf');
    const g = fakeWindow();
    expect(await output(g.win).out.savePdf(job)).toBeUndefined();
    expect(g.calls.urls).toHaveLength(0);
  });

  it('lists the system printers with the default marked', async () => {
    const f = fakeWindow();
    expect(await output(f.win).out.printers()).toEqual([
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', isDefault: false },
      { name: 'Office', displayName: 'Office', isDefault: true },
    ]);
  });
});
