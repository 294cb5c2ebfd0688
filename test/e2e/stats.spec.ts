// The day's numbers end to end, in browser mode against a sandbox, keyboard only: two orders
// packed and shipped by scanner with one wrong item, one over-scan and one nonsense code; the
// Stats screen shows exactly that, still after a restart, and the exported CSV lists exactly
// those two packages. Also photographs the screen at 1366×768 for the README.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import type { OrderView } from '../../preload/api/orders';
import type { OutboxEntryView } from '../../preload/api/outbox';
import type { PackState } from '../../preload/api/pack';
import { ups1Z } from '../unit/scan/check-digits';
import { expect, nameStation, test } from './fixtures';
import { scan } from './hands';
import { bridgeCall as call, type BrowserModeApp } from './host';

test.describe.configure({ timeout: 240_000 });
test.use({ sandboxOptions: { orders: 80 }, viewport: { width: 1366, height: 768 } });

/** Two waiting orders nothing has touched, small enough to scan unit by unit. */
async function twoFreshOrders(page: Page, app: BrowserModeApp): Promise<OrderView[]> {
  const { orders } = await call<{ orders: { id: string; state?: string }[] }>(
    page,
    app,
    'orders.list',
  );
  const found: OrderView[] = [];
  for (const o of orders) {
    if (o.state !== 'AWAITING_SHIPMENT') continue;
    const order = await call<OrderView>(page, app, 'orders.get', { id: o.id });
    if (order.lines.length > 3 || order.lines.some((l) => l.quantity > 3 || !code(l))) continue;
    const state = await call<PackState>(page, app, 'pack.refresh', { orderId: o.id });
    if (state.lines.every((l) => l.shipped === 0 && l.cancelled === 0)) found.push(order);
    if (found.length === 2) break;
  }
  expect(found).toHaveLength(2);
  return found;
}

const code = (line: OrderView['lines'][number]) => line.codes[0] ?? line.sku ?? '';
const number = (o: OrderView) => o.marketplaceOrderNumber ?? o.id;
const unitsOf = (o: OrderView) => o.lines.reduce((n, l) => n + l.quantity, 0);

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

/** The cells of the row named `row` in the table named `table`, as text. */
async function rowCells(page: Page, table: string, row: string | RegExp) {
  return page
    .getByRole('table', { name: table })
    .getByRole('row', { name: row })
    .getByRole('cell')
    .allInnerTexts();
}

async function expectStats(page: Page, expected: { units: number; scans: number }) {
  await expect(page.getByRole('heading', { name: 'Stats', level: 2 })).toBeVisible();
  await expect
    .poll(() => rowCells(page, 'Shipped', /^Today/))
    .toEqual(['2', '2', `${expected.units}`]);
  expect(await rowCells(page, 'Shipped', /^This week/)).toEqual(['2', '2', `${expected.units}`]);
  expect(await rowCells(page, 'Mis-scans by kind', /^Wrong item/)).toEqual(['1']);
  expect(await rowCells(page, 'Mis-scans by kind', /^Over-scan/)).toEqual(['1']);
  expect(await rowCells(page, 'Mis-scans by kind', /^Not understood/)).toEqual(['1']);
  await expect(page.getByText(`3 of ${expected.scans} scans`)).toBeVisible();
  const rate = (Math.round((1000 * 3) / expected.scans) / 10).toFixed(1);
  await expect(page.getByText(`${rate} per 100 scans`)).toBeVisible();
  // The chart: one named bar per hour; the two orders are in the hours they shipped.
  const bars = page.getByRole('list', { name: 'Orders per hour today' }).getByRole('listitem');
  const names = await bars.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  for (const name of names) expect(name).toMatch(/^\d\d:00–\d\d:00: \d+ orders?$/);
  const perHour = names.map((n) => Number(/: (\d+) order/.exec(n ?? '')?.[1]));
  expect(perHour.reduce((n, h) => n + h, 0)).toBe(2);
  await expect(
    page.getByText(/^Average time from opening an order to shipping it: \d+ (s|min \d\d s)$/),
  ).toBeVisible();
  expect(await rowCells(page, 'Per packer', 'Ana')).toEqual([
    '2',
    '2',
    `${expected.units}`,
    expect.stringMatching(/^\d+ (s|min \d\d s)$/) as unknown as string,
    rate,
  ]);
  await expect(page.getByText('No cancellations today.')).toBeVisible();
}

test('two orders shipped by scanner with three mis-scans: Stats shows exactly that, after a restart too, and the CSV lists exactly those packages', async ({
  signedIn: page,
  app,
  launch,
}, testInfo) => {
  await nameStation(page, app, 'Bench 7');

  const [first, second] = await twoFreshOrders(page, app);
  const foreign = second!.lines.find(
    (l) => !first!.lines.some((m) => m.sku === l.sku || code(m) === code(l)),
  );
  expect(foreign, 'an item of the second order that is not on the first').toBeDefined();
  const lastScan = page.getByRole('status', { name: 'Last scan' });
  /** Scans made with an order open: the ones Stats counts. */
  let counted = 0;

  // First order: open it, every unit, then the three mis-scans, then the label and Enter.
  await scan(page, number(first!));
  await expect(page.getByRole('heading', { name: `Order ${number(first!)}` })).toBeVisible();
  for (const line of first!.lines) {
    for (let i = 1; i <= line.quantity; i++) {
      await scan(page, code(line));
      counted++;
      await expect(lastScan).toContainText(`${line.sku}: ${i} of ${line.quantity}`);
    }
  }
  const a = first!.lines[0]!;
  await scan(page, code(a));
  counted++;
  await expect(lastScan).toContainText(`Over-scan: all ${a.quantity} of ${a.sku}`);
  await scan(page, code(foreign!));
  counted++;
  await expect(lastScan).toHaveText(
    `${foreign!.name ?? foreign!.sku} (${code(foreign!)}) is not on this order — put it back.`,
  );
  await scan(page, 'NOPE-4711-XYZ');
  counted++;
  await expect(lastScan).toContainText('NOPE-4711-XYZ');
  await expect(lastScan).toHaveAttribute('data-sound', 'unknown');
  const t1 = ups1Z('5R8939030000701');
  await scan(page, t1);
  counted++;
  await expect(page.getByLabel('Tracking number')).toHaveValue(t1);
  await page.keyboard.press('Enter');
  await expect(lastScan).toContainText('order complete. Scan the next order.');

  // Second order, opened by scanning its number on the first: every unit, the label, Enter.
  await scan(page, number(second!));
  counted++;
  await expect(page.getByRole('heading', { name: `Order ${number(second!)}` })).toBeVisible();
  for (const line of second!.lines) {
    for (let i = 1; i <= line.quantity; i++) {
      await scan(page, code(line));
      counted++;
      await expect(lastScan).toContainText(`${line.sku}: ${i} of ${line.quantity}`);
    }
  }
  const t2 = ups1Z('5R8939030000702');
  await scan(page, t2);
  counted++;
  await expect(page.getByLabel('Tracking number')).toHaveValue(t2);
  await page.keyboard.press('Enter');
  await expect(lastScan).toContainText('order complete. Scan the next order.');

  const units = unitsOf(first!) + unitsOf(second!);
  await nav(page, 'Stats').press('Enter');
  await expectStats(page, { units, scans: counted });

  // The whole screen fits a 1366×768 station.
  await expect(page.getByRole('table', { name: 'Per packer' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: "Export today's packing log" })).toBeInViewport();
  const shot = testInfo.outputPath('stats-1366x768.png');
  await page.screenshot({ path: shot });
  const docs = process.env.PACKLINE_SCREENSHOTS;
  if (docs) {
    mkdirSync(docs, { recursive: true });
    copyFileSync(shot, join(docs, 'stats.png'));
  }

  // The CSV: exactly the two packages this station queued, with their tracking and mis-scans.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: "Export today's packing log" }).press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^packing-log-Bench-7-\d{4}-\d\d-\d\d\.csv$/);
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 packages to' })).toBeVisible();
  const rows: Record<string, string>[] = parse(readFileSync(await file.path(), 'utf8'), {
    bom: true,
    columns: true,
  });
  const { entries } = await call<{ entries: OutboxEntryView[] }>(page, app, 'outbox.list');
  const packages = entries.filter((e) => e.kind === 'fulfillment.create');
  expect(rows.map((r) => r.package).sort()).toEqual(packages.map((e) => e.id).sort());
  expect(rows.map((r) => [r.order, r.tracking, r.carrier, r.packer, r['mis-scans']])).toEqual([
    [number(first!), t1, 'UPS', 'Ana', '3'],
    [number(second!), t2, 'UPS', 'Ana', '0'],
  ]);
  expect(rows[0]!.lines).toBe(first!.lines.map((l) => `${l.sku} × ${l.quantity}`).join('; '));
  for (const r of rows)
    expect(Date.parse(r.shipped!)).toBeGreaterThanOrEqual(Date.parse(r.opened!));

  // A restart of the station keeps the day's numbers.
  await app.stop();
  const again = await launch({ dataDir: app.dataDir });
  await page.goto(again.url);
  await nav(page, 'Stats').press('Enter');
  await expectStats(page, { units, scans: counted });
});
