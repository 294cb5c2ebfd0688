// Waves and item-first packing end to end, in browser mode against a sandbox in its own process,
// keyboard only: the scanner is page.keyboard typing a code fast and pressing Enter.
import type { Page } from '@playwright/test';
import type { OrderView } from '../../preload/api/orders';
import type { PackState } from '../../preload/api/pack';
import type { PickList } from '../../preload/api/printing';
import { ups1Z } from '../unit/scan/check-digits';
import { expectAccessible } from './axe';
import { expect, nameStation, test } from './fixtures';
import { Hands } from './hands';
import { bridgeCall as call, type BrowserModeApp } from './host';
import type { SandboxProcess } from './sandbox';

test.describe.configure({ timeout: 300_000 });

/** Waiting orders whose lines are all untouched on FeedAMP and pass `fits`. */
async function freshOrders(
  page: Page,
  app: BrowserModeApp,
  fits: (order: OrderView) => boolean,
  count: number,
) {
  const { orders } = await call<{ orders: { id: string; state?: string }[] }>(
    page,
    app,
    'orders.list',
  );
  const found: OrderView[] = [];
  for (const o of orders) {
    if (o.state !== 'AWAITING_SHIPMENT') continue;
    const order = await call<OrderView>(page, app, 'orders.get', { id: o.id });
    if (!fits(order) || order.marketplaceFulfilled) continue;
    const state = await call<PackState>(page, app, 'pack.refresh', { orderId: o.id });
    if (state.lines.every((l) => l.shipped === 0 && l.cancelled === 0)) found.push(order);
    if (found.length >= count) break;
  }
  return found;
}

const code = (line: OrderView['lines'][number]) => line.codes[0] ?? line.sku!;
const number = (o: OrderView) => o.marketplaceOrderNumber ?? o.id;
const tracking = (n: number) => ups1Z(`5R89390300${String(n).padStart(5, '0')}`);

async function fulfillmentsOf(page: Page, sandbox: SandboxProcess, orderId: string) {
  const res = await page.request.get(
    `${sandbox.url}/__admin/writes?kind=fulfillment&orderId=${orderId}`,
  );
  return ((await res.json()) as { writes: unknown[] }).writes.length;
}

test.describe('a wave from the pick list', () => {
  // The packing-station screen: the wave line must not push Ship off it.
  test.use({ sandboxOptions: { orders: 120 }, viewport: { width: 1366, height: 768 } });

  test('a wave of 10 from the pick list: each next order opens by itself, a cancelled one is skipped and said', async ({
    signedIn: page,
    sandbox,
    app,
  }) => {
    await nameStation(page, app, 'Bench 5');
    // Orders of one to three single units, so the test packs each with a scan per line.
    const orders = await freshOrders(
      page,
      app,
      (o) => o.lines.length <= 3 && o.lines.every((l) => l.quantity === 1),
      10,
    );
    expect(orders).toHaveLength(10);

    // The pick list page shows the wave's barcode; its text is what the packer scans.
    const list = await call<PickList>(page, app, 'printing.pickList', {
      orderIds: orders.map((o) => o.id),
    });
    const printPage = await page.context().newPage();
    await printPage.goto(app.url);
    await printPage.goto(
      `${app.origin}/print/print.html?kind=pick-list&ids=${orders.map((o) => o.id).join(',')}`,
    );
    await expect(printPage.locator('body')).toHaveAttribute('data-ready', 'true', {
      timeout: 20_000,
    });
    const waveRegion = printPage.getByRole('region', { name: /^Wave \d+$/ });
    const barcode = waveRegion.getByRole('img', { name: /^Barcode PL-WAVE-\d+$/ });
    const waveCode = (await barcode.getAttribute('aria-label'))!.replace('Barcode ', '');
    expect(waveCode).toBe(list.wave?.code);
    const waveId = Number(waveCode.replace('PL-WAVE-', ''));
    await printPage.close();

    const hands = new Hands(page);
    const lastScan = page.getByRole('status', { name: 'Last scan' });
    const progress = page.getByRole('region', { name: 'Wave' });
    await page.bringToFront();
    await hands.scan(waveCode);

    const cancelled = orders[5]!;
    for (const [i, order] of orders.entries()) {
      if (order === cancelled) continue;
      await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible({
        timeout: 30_000,
      });
      const packedSoFar = i > 5 ? i - 1 : i;
      await expect(progress).toContainText(`Wave ${waveId} — ${packedSoFar} of 10 packed`);
      if (i === 6) {
        // The wave went past the order the marketplace cancelled, and says so.
        await expect(progress).toContainText(`Skipped ${number(cancelled)}: Cancelled by`);
      }
      for (const line of order.lines) {
        await hands.scan(code(line));
        await expect(lastScan).toContainText(`${line.sku}: 1 of 1`);
      }
      await hands.scan(tracking(i + 1));
      await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
      if (i === 0) {
        await expect(page.getByRole('button', { name: 'Ship (Enter)' })).toBeInViewport({
          ratio: 1,
        });
        await page.screenshot({ path: test.info().outputPath('wave-pack-1366x768.png') });
      }
      await hands.press('Enter');
      if (i === 3) {
        // Midway, the marketplace cancels an order further down the wave.
        const res = await page.request.put(`${sandbox.url}/__admin/orders/${cancelled.id}/state`, {
          data: { normalized_marketplace_state: 'CANCELLED' },
        });
        expect(res.ok()).toBe(true);
      }
    }

    // The last one shipped: the summary opens by itself, with the skipped order and its reason.
    const summary = page.getByRole('dialog', { name: `Wave ${waveId} summary` });
    await expect(summary).toBeVisible({ timeout: 30_000 });
    await expect(summary.getByLabel('Wave totals')).toHaveText(
      '9 packed, 1 skipped, 0 left of 10.',
    );
    await expect(summary.getByRole('region', { name: 'Skipped' })).toContainText(
      `${number(cancelled)} — Cancelled by`,
    );
    await expect(summary.getByRole('region', { name: 'Packed' }).getByRole('listitem')).toHaveCount(
      9,
    );
    await page.screenshot({ path: test.info().outputPath('wave-summary.png') });
    // 9 orders of N items: N + 2 scans and one Enter each, plus the one wave scan.
    const items = orders.filter((o) => o !== cancelled).reduce((n, o) => n + o.lines.length, 0);
    expect(hands.scans).toBe(1 + items + 9);
    expect(hands.keys).toBe(9);

    await summary.getByRole('button', { name: 'End wave' }).focus();
    await hands.press('Enter');
    await expect(progress).toBeHidden();

    // Every packed order was uploaded once; nothing went out for the cancelled one.
    for (const order of orders.filter((o) => o !== cancelled))
      await expect.poll(() => fulfillmentsOf(page, sandbox, order.id), { timeout: 30_000 }).toBe(1);
    expect(await fulfillmentsOf(page, sandbox, cancelled.id)).toBe(0);
  });
});

test.describe('item first', () => {
  test.use({ sandboxOptions: { orders: 160 } });

  test('item first: two scans and one key per single-item order, oldest ship-by first', async ({
    signedIn: page,
    sandbox,
    app,
  }) => {
    await nameStation(page, app, 'Bench 5');
    const singles = await freshOrders(
      page,
      app,
      (o) => o.lines.length === 1 && o.lines[0]!.quantity === 1,
      200,
    );
    // The item most single-item orders need: its orders must open oldest ship-by first.
    const bySku = new Map<string, OrderView[]>();
    for (const o of singles)
      bySku.set(o.lines[0]!.sku!, [...(bySku.get(o.lines[0]!.sku!) ?? []), o]);
    const group = [...bySku.values()].sort((a, b) => b.length - a.length)[0]!;
    expect(group.length).toBeGreaterThanOrEqual(2);
    const time = (o: OrderView) => (o.shipBy ? Date.parse(o.shipBy) : Number.POSITIVE_INFINITY);
    const expected = [...group]
      .sort((a, b) => time(a) - time(b) || a.id.length - b.id.length || (a.id < b.id ? -1 : 1))
      .slice(0, 4);

    // Settings → Packing → Item first, by keyboard.
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    const itemFirst = page.getByRole('checkbox', { name: 'Item first for single-item orders' });
    await itemFirst.focus();
    await page.keyboard.press('Space');
    await expect(page.getByText('Item first is on.')).toBeVisible();
    await page.getByRole('button', { name: 'Orders' }).focus();
    await page.keyboard.press('Enter');
    // Off the button, so the scanner's Enter does not press it.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    const hands = new Hands(page);
    const lastScan = page.getByRole('status', { name: 'Last scan' });
    const item = code(expected[0]!.lines[0]!);
    for (const [i, order] of expected.entries()) {
      await hands.scan(item);
      await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible({
        timeout: 30_000,
      });
      await expect(lastScan).toContainText(`${order.lines[0]!.sku}: 1 of 1`);
      await hands.scan(tracking(100 + i));
      await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
      await hands.press('Enter');
      // Shipped: the bench is ready for the next item.
      await expect(page.getByRole('search', { name: 'Scan' })).toContainText(
        'Shipped. Scan the next item.',
        { timeout: 30_000 },
      );
    }
    expect(hands.scans).toBe(2 * expected.length);
    expect(hands.keys).toBe(expected.length);

    // An item only orders of several units need: one sentence, nothing opens.
    const { orders: listed } = await call<{ orders: { skus: string[] }[] }>(
      page,
      app,
      'orders.list',
    );
    const lonely = listed.flatMap((o) => o.skus).find((sku) => !bySku.has(sku));
    expect(lonely).toBeDefined();
    await hands.scan(lonely!);
    await expect(page.getByRole('search', { name: 'Scan' })).toContainText(
      `No single-item order on this station needs ${lonely} — put it back, or scan its order.`,
    );
    await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
    for (const order of expected)
      await expect.poll(() => fulfillmentsOf(page, sandbox, order.id), { timeout: 30_000 }).toBe(1);
  });

  test('an item-first wave of single-item orders: after the first, two scans and one key each', async ({
    signedIn: page,
    sandbox,
    app,
  }) => {
    await nameStation(page, app, 'Bench 5');
    // Single-unit orders of different items, so each item scan can mean only its own order.
    const seen = new Set<string>();
    const orders = (
      await freshOrders(page, app, (o) => o.lines.length === 1 && o.lines[0]!.quantity === 1, 60)
    ).filter((o) => {
      const sku = o.lines[0]!.sku!;
      if (seen.has(sku)) return false;
      seen.add(sku);
      return true;
    });
    const wave = orders.slice(0, 4);
    expect(wave).toHaveLength(4);
    const list = await call<PickList>(page, app, 'printing.pickList', {
      orderIds: wave.map((o) => o.id),
    });
    const waveCode = list.wave!.code;

    const hands = new Hands(page);
    const lastScan = page.getByRole('status', { name: 'Last scan' });
    await hands.scan(waveCode);
    // The wave opens its first order; item first is switched on for the wave in its summary.
    const heading = page.getByRole('heading', { name: /^Order / });
    await expect(heading).toBeVisible({ timeout: 30_000 });
    const openedName = (await heading.textContent())!.replace(/^Order /, '');
    const opened = wave.find((o) => number(o) === openedName)!;
    expect(opened).toBeDefined();
    await hands.press('w');
    const itemFirst = page.getByRole('checkbox', { name: /^Item first in this wave/ });
    await itemFirst.focus();
    await page.keyboard.press('Space');
    await expect(itemFirst).toBeChecked();
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await hands.scan(code(opened.lines[0]!));
    await expect(lastScan).toContainText(`${opened.lines[0]!.sku}: 1 of 1`);
    await hands.scan(tracking(300));
    await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
    await hands.press('Enter');
    await expect(page.getByRole('search', { name: 'Scan' })).toContainText(
      'Shipped. Scan the next item.',
      { timeout: 30_000 },
    );

    // The rest: the item opens its order, the label ships it.
    const scansBefore = hands.scans;
    const keysBefore = hands.keys;
    const rest = wave.filter((o) => o !== opened);
    for (const [i, order] of rest.entries()) {
      await hands.scan(code(order.lines[0]!));
      await expect(page.getByRole('heading', { name: `Order ${number(order)}` })).toBeVisible({
        timeout: 30_000,
      });
      await expect(lastScan).toContainText(`${order.lines[0]!.sku}: 1 of 1`);
      await hands.scan(tracking(301 + i));
      await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
      await hands.press('Enter');
      if (i < rest.length - 1)
        await expect(page.getByRole('search', { name: 'Scan' })).toContainText(
          'Shipped. Scan the next item.',
          { timeout: 30_000 },
        );
    }
    expect(hands.scans - scansBefore).toBe(2 * rest.length);
    expect(hands.keys - keysBefore).toBe(rest.length);
    for (const order of wave)
      await expect.poll(() => fulfillmentsOf(page, sandbox, order.id), { timeout: 30_000 }).toBe(1);
  });
});

test.describe('a restart in a wave', () => {
  test.use({ sandboxOptions: { orders: 60 } });

  test('a restart in the middle of a wave keeps it: W, then Go on with the wave, opens where it stood', async ({
    signedIn: page,
    app: first,
    launch,
  }) => {
    await nameStation(page, first, 'Bench 5');
    const orders = await freshOrders(
      page,
      first,
      (o) => o.lines.length === 1 && o.lines[0]!.quantity === 1,
      3,
    );
    expect(orders).toHaveLength(3);
    const list = await call<PickList>(page, first, 'printing.pickList', {
      orderIds: orders.map((o) => o.id),
    });
    const hands = new Hands(page);
    await hands.scan(list.wave!.code);
    await expect(page.getByRole('heading', { name: `Order ${number(orders[0]!)}` })).toBeVisible();
    await hands.scan(code(orders[0]!.lines[0]!));
    await hands.scan(tracking(200));
    await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
    await hands.press('Enter');
    await expect(page.getByRole('heading', { name: `Order ${number(orders[1]!)}` })).toBeVisible();
    const progress = page.getByRole('region', { name: 'Wave' });
    await expect(progress).toContainText(`Wave ${list.wave!.id} — 1 of 3 packed`);
    await expectAccessible(page, 'Pack screen in a wave');

    // Packline stops and starts again on the same data folder.
    await first.stop();
    const again = await launch({ dataDir: first.dataDir });
    await page.goto(again.url);
    await expect(progress).toContainText(`Wave ${list.wave!.id} — 1 of 3 packed`, {
      timeout: 30_000,
    });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await hands.press('w');
    const summary = page.getByRole('dialog', { name: `Wave ${list.wave!.id} summary` });
    await expect(summary.getByLabel('Wave totals')).toHaveText('1 packed, 0 skipped, 2 left of 3.');
    await expectAccessible(page, 'Wave summary');
    await summary.getByRole('button', { name: 'Go on with the wave' }).focus();
    await hands.press('Enter');
    await expect(page.getByRole('heading', { name: `Order ${number(orders[1]!)}` })).toBeVisible({
      timeout: 30_000,
    });
  });
});
