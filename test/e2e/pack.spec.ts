// Packing end to end, in browser mode against a sandbox in its own process, keyboard only: the
// scanner is page.keyboard typing a code fast and pressing Enter; a person's keys are counted.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { OrderView } from '../../preload/api/orders';
import type { PackState } from '../../preload/api/pack';
import { ups1Z } from '../unit/scan/check-digits';
import { expect, nameStation, signIn, test } from './fixtures';
import { Hands } from './hands';
import { bridgeCall as call, type BrowserModeApp } from './host';
import type { SandboxProcess } from './sandbox';

test.describe.configure({ timeout: 180_000 });
test.use({ sandboxOptions: { orders: 80 } });

/** Waiting orders with every line untouched on FeedAMP, at least `lines` lines. */
async function freshOrders(page: Page, app: BrowserModeApp, lines: number, units = 1) {
  const { orders } = await call<{ orders: { id: string; state?: string; lineCount: number }[] }>(
    page.request,
    app,
    'orders.list',
  );
  const found: { order: OrderView; state: PackState }[] = [];
  for (const o of orders) {
    if (o.state !== 'AWAITING_SHIPMENT' || o.lineCount < lines) continue;
    const order = await call<OrderView>(page.request, app, 'orders.get', { id: o.id });
    if (order.lines.some((l) => l.quantity < units || l.quantity > 4)) continue;
    const state = await call<PackState>(page.request, app, 'pack.refresh', { orderId: o.id });
    if (state.lines.every((l) => l.shipped === 0 && l.cancelled === 0))
      found.push({ order, state });
    if (found.length >= 3) break;
  }
  expect(found.length).toBeGreaterThan(0);
  return found;
}

const code = (line: OrderView['lines'][number]) => line.codes[0] ?? line.sku!;
const number = (o: OrderView) => o.marketplaceOrderNumber ?? o.id;

interface SandboxWrite {
  kind: string;
  action: string;
  orderId: string;
  body: {
    fulfillment_lines?: { line_id: string; quantity: number }[];
    cancellation_lines?: { line_id: string; quantity: number }[];
    shipment?: { carrier: string; tracking_number: string };
    reason?: string;
  };
}
async function writesOf(page: Page, sandbox: SandboxProcess, kind: string, orderId: string) {
  const res = await page.request.get(
    `${sandbox.url}/__admin/writes?kind=${kind}&orderId=${orderId}`,
  );
  return ((await res.json()) as { writes: SandboxWrite[] }).writes;
}

test('pack by scanner: open by scan, over-scan and wrong item refused, two packages, a cancelled line', async ({
  signedIn: page,
  sandbox,
  app,
}) => {
  await nameStation(page, app, 'Bench 1');
  const found = await freshOrders(page, app, 3, 1);
  const { order } = found[0]!;
  const other = found[1];
  // Line A ships in the first package, line C is cancelled, the rest go in the second package.
  const a = order.lines[0]!;
  const c = order.lines[2]!;
  const foreign = other?.order.lines.find(
    (l) => !order.lines.some((m) => m.sku === l.sku || code(m) === code(l)),
  );
  const hands = new Hands(page);
  const lastScan = page.getByRole('status', { name: 'Last scan' });

  // Open by scan.
  await hands.scan(number(order));
  await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible();
  const lines = page.getByRole('table', { name: 'Lines' });
  await expect(lines.getByRole('row')).toHaveCount(order.lines.length + 1);

  // Line A: every unit, then one too many.
  for (let i = 1; i <= a.quantity; i++) {
    await hands.scan(code(a));
    await expect(lastScan).toContainText(`${a.sku}: ${i} of ${a.quantity}`);
  }
  await hands.scan(code(a));
  await expect(lastScan).toContainText(`Over-scan: all ${a.quantity} of ${a.sku}`);
  await expect(lastScan).toHaveAttribute('data-sound', 'over');
  // A wrong item.
  if (foreign) {
    await hands.scan(code(foreign));
    // Named as a packer knows it, with the code after it.
    await expect(lastScan).toHaveText(
      `${foreign.name ?? foreign.sku} (${code(foreign)}) is not on this order — put it back.`,
    );
    await expect(lastScan).toHaveAttribute('data-sound', 'wrong');
  }
  await page.screenshot({ path: test.info().outputPath('overscan.png'), fullPage: true });

  // Tracking label: carrier detected from the number.
  const t1 = ups1Z('5R8939030000101');
  await hands.scan(t1);
  await expect(page.getByLabel('Tracking number')).toHaveValue(t1);
  await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
  // A partial package asks for a second Enter.
  await hands.press('Enter');
  await expect(lastScan).toContainText('Press Enter again to ship it as a partial package');
  await hands.press('Enter');
  await expect(lastScan).toContainText(`Shipped ${a.quantity} unit`);
  await page.screenshot({ path: test.info().outputPath('shipped-part.png'), fullPage: true });

  // Cancel line C with the keyboard: C, then three keys — the line's number (A is shipped, so C
  // is the second line left), the quantity, the reason's first letter — and Enter to confirm.
  await hands.press('c');
  const dialog = page.getByRole('dialog', { name: 'Cancel lines' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Line to cancel' })).toContainText(
    `2 · ${c.name} (${c.sku}) — ${c.quantity} left`,
  );
  const afterC = hands.keys;
  await hands.press('2');
  const cancelField = dialog.getByLabel(`Units of ${c.name} (${c.sku}) to cancel`);
  await expect(cancelField).toBeFocused();
  await hands.type(String(c.quantity));
  await expect(cancelField).toHaveValue(String(c.quantity));
  await hands.press('o');
  const confirmation = dialog.getByRole('alert');
  await expect(confirmation).toContainText(
    `Cancel ${c.quantity} × ${c.name} (${c.sku}) — Out of stock?`,
  );
  expect(hands.keys - afterC).toBeLessThanOrEqual(3);
  await page.screenshot({ path: test.info().outputPath('cancel.png'), fullPage: true });
  await expect(dialog.getByRole('button', { name: 'Yes, cancel these units' })).toBeFocused();
  await hands.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(lastScan).toContainText(`Cancelled ${c.quantity} unit`);

  // Line B (and any further lines) in a second package: the rest of the order, one Enter.
  for (const line of order.lines.slice(1).filter((l) => l.id !== c.id)) {
    await hands.scan(code(line));
    if (line.quantity > 1) {
      // The rest by quantity: "×N" then Enter.
      await hands.type(`x${line.quantity}`);
      await expect(page.getByLabel('Quantity being typed')).toContainText(`x${line.quantity}`);
      await hands.press('Enter');
    }
    await expect(lastScan).toContainText(`${line.sku}: ${line.quantity} of ${line.quantity}`);
  }
  const t2 = ups1Z('5R8939030000102');
  // Enter at once, as a packer does: the carrier is still UPS from the first package, so the
  // screen may not show this label yet, and Enter waits for its scan rather than refusing.
  await hands.scan(t2);
  await hands.press('Enter');
  await expect(lastScan).toContainText('order complete. Scan the next order.');
  await expect(lastScan).toHaveAttribute('data-sound', 'complete');
  await expect(page.getByRole('status', { name: 'Order status' })).toHaveText('Shipped');
  await page.screenshot({ path: test.info().outputPath('complete.png'), fullPage: true });

  // The sandbox ends with exactly these two fulfillments and this one cancellation.
  await expect
    .poll(async () => (await writesOf(page, sandbox, 'fulfillment', order.id)).length, {
      timeout: 30_000,
    })
    .toBe(2);
  await expect
    .poll(async () => (await writesOf(page, sandbox, 'cancellation', order.id)).length, {
      timeout: 30_000,
    })
    .toBe(1);
  const fulfillments = await writesOf(page, sandbox, 'fulfillment', order.id);
  expect(fulfillments.map((w) => w.action)).toEqual(['create', 'create']);
  expect(fulfillments[0]!.body.fulfillment_lines).toEqual([
    { line_id: a.id, quantity: a.quantity },
  ]);
  expect(fulfillments[0]!.body.shipment).toMatchObject({ carrier: 'UPS', tracking_number: t1 });
  expect(fulfillments[1]!.body.fulfillment_lines).toEqual(
    order.lines
      .filter((l) => l.id !== a.id && l.id !== c.id)
      .map((l) => ({ line_id: l.id, quantity: l.quantity })),
  );
  expect(fulfillments[1]!.body.shipment).toMatchObject({ carrier: 'UPS', tracking_number: t2 });
  const [cancellation] = await writesOf(page, sandbox, 'cancellation', order.id);
  expect(cancellation!.body).toMatchObject({
    reason: 'out_of_stock',
    cancellation_lines: [{ line_id: c.id, quantity: c.quantity }],
  });

  // The audit trail names the station and packer once uploaded.
  await expect(page.getByRole('region', { name: 'Packages and cancellations' })).toContainText(
    'Bench 1 · Ana',
  );
});

test('one order, one package: N + 2 scans, at most one key, no mouse', async ({
  signedIn: page,
  sandbox,
  app,
}) => {
  await nameStation(page, app, 'Bench 2');
  const { order } = (await freshOrders(page, app, 2, 1))[0]!;
  const hands = new Hands(page);
  const lastScan = page.getByRole('status', { name: 'Last scan' });
  await hands.scan(number(order));
  await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible();
  let units = 0;
  for (const line of order.lines) {
    for (let i = 1; i <= line.quantity; i++) {
      await hands.scan(code(line));
      units++;
      await expect(lastScan).toContainText(`${line.sku}: ${i} of ${line.quantity}`);
    }
  }
  await hands.scan(ups1Z('5R8939030000201'));
  await expect(lastScan).toContainText('UPS');
  await hands.press('Enter');
  await expect(lastScan).toContainText('order complete');
  await expect
    .poll(async () => (await writesOf(page, sandbox, 'fulfillment', order.id)).length, {
      timeout: 30_000,
    })
    .toBe(1);
  expect(hands.scans).toBe(units + 2);
  expect(hands.keys).toBeLessThanOrEqual(1);
  mkdirSync('test/bench/results', { recursive: true });
  writeFileSync(
    'test/bench/results/pack-keys.json',
    JSON.stringify(
      {
        what: 'key presses and mouse actions per shipped order (e2e, browser mode, one package)',
        measuredAt: new Date().toISOString(),
        order: order.id,
        lines: order.lines.length,
        units,
        scans: hands.scans,
        expectedScans: `N + 2 = ${units + 2}`,
        keys: hands.keys,
        mouse: hands.mouse,
        pass: hands.scans === units + 2 && hands.keys <= 1 && hands.mouse === 0,
      },
      null,
      2,
    ) + '\n',
  );

  // The finished order leaves the queue; "Done today" shows it.
  await hands.scan('PL-CMD-NEXT-ORDER');
  const grid = page.getByRole('grid', { name: 'Orders' });
  await expect(grid).toBeVisible();
  await page.getByLabel('Search orders').fill(number(order));
  await expect(grid.getByRole('row')).toHaveCount(1);
  await expect(page.getByText('No orders match this search and these filters.')).toBeVisible();
  const show = page.getByRole('combobox', { name: 'View', exact: true });
  await expect(show).toContainText('Done today (1)');
  await show.selectOption({ label: 'Done today (1)' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid.getByRole('row').nth(1)).toContainText(number(order));
});

test('two stations on one order never over-ship a line', async ({ browser, sandbox, launch }) => {
  const pageOne = await browser.newPage();
  const pageTwo = await browser.newPage();
  const one = await launch();
  const two = await launch();
  for (const [page, app, name] of [
    [pageOne, one, 'Bench A'],
    [pageTwo, two, 'Bench B'],
  ] as const) {
    await page.goto(app.url);
    await signIn(page, app, sandbox);
    await nameStation(page, app, name);
  }
  const { order } = (await freshOrders(pageOne, one, 1, 1))[0]!;
  const line = order.lines[0]!;
  const handsOne = new Hands(pageOne);
  const handsTwo = new Hands(pageTwo);
  // Both stations open the order and pack every unit of the first line.
  for (const [hands, page] of [
    [handsOne, pageOne],
    [handsTwo, pageTwo],
  ] as const) {
    await page.bringToFront();
    await hands.scan(number(order));
    await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible();
    for (let i = 1; i <= line.quantity; i++) {
      await hands.scan(code(line));
      await expect(page.getByRole('status', { name: 'Last scan' })).toContainText(
        `${line.sku}: ${i} of ${line.quantity}`,
      );
    }
  }
  // Station A ships first and the upload lands.
  await pageOne.bringToFront();
  await handsOne.scan(ups1Z('5R8939030000301'));
  await expect(pageOne.getByLabel('Tracking number')).toHaveValue(ups1Z('5R8939030000301'));
  await handsOne.press('Enter');
  if (order.lines.length > 1) await handsOne.press('Enter');
  await expect(pageOne.getByRole('status', { name: 'Last scan' })).toContainText('Shipped');
  await expect
    .poll(async () => (await writesOf(pageOne, sandbox, 'fulfillment', order.id)).length, {
      timeout: 30_000,
    })
    .toBe(1);
  // Station B, with the same units in its box, is stopped before anything is queued.
  await pageTwo.bringToFront();
  await handsTwo.scan(ups1Z('5R8939030000302'));
  await expect(pageTwo.getByLabel('Tracking number')).toHaveValue(ups1Z('5R8939030000302'));
  await handsTwo.press('Enter');
  if (order.lines.length > 1) await handsTwo.press('Enter');
  await expect(pageTwo.getByRole('status', { name: 'Last scan' })).toContainText(
    'Another station already shipped or cancelled some of these units',
  );
  await pageTwo.screenshot({ path: test.info().outputPath('two-stations.png'), fullPage: true });
  // Nothing waits to go out from station B, so nothing more can land.
  const { entries } = await call<{ entries: unknown[] }>(pageTwo, two, 'outbox.list');
  expect(entries).toEqual([]);
  const landed = await writesOf(pageOne, sandbox, 'fulfillment', order.id);
  expect(landed).toHaveLength(1);
  expect(landed[0]!.body.fulfillment_lines).toEqual([
    { line_id: line.id, quantity: line.quantity },
  ]);
});

test('the command sheet in Settings prints scannable commands that drive the Pack screen', async ({
  demo: page,
  app,
}) => {
  const hands = new Hands(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).press('Enter');
  const sheet = page.getByRole('region', { name: 'Command barcodes' });
  for (const code of ['PL-CMD-SHIP', 'PL-CMD-EMPTY-BOX', 'PL-CMD-NEXT-ORDER'])
    await expect(sheet.getByRole('img', { name: `Barcode ${code}` })).toBeVisible();
  await sheet.screenshot({ path: test.info().outputPath('command-sheet.png') });
  await page.getByRole('navigation').getByRole('button', { name: 'Orders' }).press('Enter');
  const { orders } = await call<{ orders: { id: string; state?: string }[] }>(
    page.request,
    app,
    'orders.list',
  );
  const order = orders.find((o) => o.state === 'AWAITING_SHIPMENT')!;
  await hands.scan(order.id);
  await expect(page.getByRole('table', { name: 'Lines' })).toBeVisible();
  await hands.scan('PL-CMD-SHIP');
  await expect(page.getByRole('status', { name: 'Last scan' })).toHaveText(
    'The box is empty — scan an item first.',
  );
  await hands.scan('PL-CMD-NEXT-ORDER');
  await expect(page.getByRole('grid', { name: 'Orders' })).toBeVisible();
});
