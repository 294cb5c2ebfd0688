// Printing in Chromium against the demo: the print page renders a pick list and packing slips
// to PDF; the words on the paper (pdftotext) and the barcodes on it (pdftoppm + zbarimg, at the
// 200 dpi of a cheap office printer) must name every SKU and order they should.
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackingSlips, PickList } from '../../preload/api/printing';
import { expect, test } from './fixtures';
import type { BrowserModeApp } from './host';

/** Opens the app (the secret lands in sessionStorage), then the print page in the same tab. */
async function openPrintPage(page: Page, app: BrowserModeApp, query: string): Promise<void> {
  await page.goto(app.url);
  await page.goto(`${app.origin}/print/print.html?${query}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
}

interface PdfReading {
  pages: number;
  text: string;
  barcodes: Set<string>;
}

function readPdf(pdf: Buffer): PdfReading {
  const dir = mkdtempSync(join(tmpdir(), 'packline-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', file, join(dir, 'page')]);
  const barcodes = new Set<string>();
  for (const png of readdirSync(dir).filter((f) => f.endsWith('.png'))) {
    // zbarimg exits 4 when a page has no barcode; the set comparison below is the real check.
    let out: string;
    try {
      out = execFileSync(
        'zbarimg',
        ['-q', '--raw', '-Sdisable', '-Scode128.enable', join(dir, png)],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'], // zbarimg chatters about D-Bus on stderr
        },
      );
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    for (const line of out.split('\n')) if (line.trim()) barcodes.add(line.trim());
  }
  return { pages, text: text.replace(/\s+/g, ' '), barcodes };
}

test('a pick list for 50 demo orders prints every SKU and order, as text and as barcodes', async ({
  demo: page,
  app,
  call,
}) => {
  const expected = await call<PickList>('printing.pickList', { nextByShipBy: 50 });
  expect(expected.orderCount).toBe(50);
  const ids = expected.orders.map((o) => o.orderId);

  await openPrintPage(
    page,
    app,
    `kind=pick-list&ids=${ids.join(',')}&pageSize=A4&margins=10,10,10,10`,
  );
  await expect(page.getByRole('heading', { name: 'Pick list' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('pick-list.png') });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const reading = readPdf(pdf);

  // Sensible length: more than one row fits a page, and no row takes a page of its own.
  expect(reading.pages).toBeGreaterThanOrEqual(1);
  expect(reading.pages).toBeLessThan(expected.rows.length / 2);
  const skus = expected.rows.map((r) => r.sku);
  const numbers = expected.orders.map((o) => o.number);
  for (const value of [...skus, ...numbers]) expect(reading.text).toContain(value);
  expect(reading.text).toContain('Orders: 50');
  // Every page says which it is and how many there are.
  for (let n = 1; n <= reading.pages; n++)
    expect(reading.text).toContain(`Page ${n} of ${reading.pages}`);
  // The list is a wave: its barcode, scanned at the bench, packs these orders in turn.
  const wave = expected.wave?.code ?? '';
  expect(wave).toMatch(/^PL-WAVE-\d+$/);
  const missed = [...new Set([...skus, ...numbers, wave])].filter((v) => !reading.barcodes.has(v));
  expect(missed, 'values with no readable barcode').toEqual([]);
  const unexpected = [...reading.barcodes].filter(
    (v) => !skus.includes(v) && !numbers.includes(v) && v !== wave,
  );
  expect(unexpected, 'barcodes that decode to something else').toEqual([]);
});

test('packing slips: one page each, with ship-to, lines, and a barcode of the number to scan', async ({
  demo: page,
  app,
  call,
}) => {
  const { stationName } = await call<{ stationName: string }>('settings.update', {
    printing: {
      seller: {
        name: 'Acme Outdoor Supply',
        logo: '',
        returnAddress: 'Returns dept.\n1 Dock Road\nSpringfield IL 62701',
      },
    },
  });
  const wave = await call<PickList>('printing.pickList', { nextByShipBy: 12 });
  const ids = wave.orders.map((o) => o.orderId);
  const expected = await call<PackingSlips>('printing.packingSlips', { orderIds: ids });

  await openPrintPage(
    page,
    app,
    `kind=packing-slips&ids=${ids.join(',')}&pageSize=Letter&margins=12,12,12,12`,
  );
  await page.screenshot({ path: test.info().outputPath('slip.png') });
  const reading = readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));

  expect(reading.pages).toBe(expected.slips.length);
  for (const slip of expected.slips) {
    expect(reading.barcodes.has(slip.scanNumber), `barcode of ${slip.scanNumber}`).toBe(true);
    expect(reading.text).toContain(slip.scanNumber);
    if (slip.shipTo?.name) expect(reading.text).toContain(slip.shipTo.name);
    for (const line of slip.lines) expect(reading.text).toContain(line.sku!);
    if (slip.giftMessage) expect(reading.text).toContain(slip.giftMessage.split(/\s+/)[0]!);
  }
  expect(reading.barcodes.size).toBe(expected.slips.length);

  // A customer's document: the seller's name and return address, on every slip…
  const count = (text: string) => reading.text.split(text).length - 1;
  expect(count('Acme Outdoor Supply')).toBeGreaterThanOrEqual(expected.slips.length);
  expect(count('1 Dock Road')).toBe(expected.slips.length);
  // …and nothing of the station's or FeedAMP's, nor page numbers (those are the pick list's).
  expect(reading.text).not.toContain(stationName);
  expect(reading.text).not.toContain('FeedAMP');
  for (const slip of expected.slips)
    if (slip.orderId !== slip.scanNumber) expect(reading.text).not.toContain(slip.orderId);
  expect(reading.text).not.toMatch(/Page \d+ of \d+/);
});

test('a 4×6 label page is 4×6 inches', async ({ demo: page, app, call }) => {
  const wave = await call<PickList>('printing.pickList', { nextByShipBy: 3 });
  const ids = wave.orders.map((o) => o.orderId);
  await openPrintPage(
    page,
    app,
    `kind=packing-slips&ids=${ids.join(',')}&pageSize=4x6&margins=4,4,4,4`,
  );
  await page.screenshot({ path: test.info().outputPath('slip-4x6.png') });
  const dir = mkdtempSync(join(tmpdir(), 'packline-pdf-'));
  writeFileSync(join(dir, 'l.pdf'), await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [join(dir, 'l.pdf')], { encoding: 'utf8' });
  // 4 × 6 in = 288 × 432 pt
  expect(info).toMatch(/Page size:\s+288 x 432 pts/);
  const reading = readPdf(await page.pdf({ preferCSSPageSize: true }));
  for (const o of wave.orders) expect(reading.barcodes.has(o.number)).toBe(true);
});

test('a print page that names no orders says so instead of printing nothing', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.goto(`${app.origin}/print/print.html?kind=pick-list`);
  await expect(page.getByRole('alert')).toContainText('which orders');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'error');
});
