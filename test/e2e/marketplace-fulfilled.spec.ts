// An order Amazon fulfils itself, end to end in browser mode against a sandbox in its own
// process: not in the Orders list until the filter asks for it, opened read-only with the
// banner when its number is scanned, and the Ship command barcode on it sends nothing.
import { expect, test, type Page } from '@playwright/test';
import { SECRET_HEADER } from '../../preload/channels';
import { placeAmazonOrder } from '../unit/pack/marketplace-order';
import { launchBrowserMode, type BrowserModeApp } from './host';
import { scanKeys } from './scanner-keys';
import { startSandboxProcess, type SandboxProcess } from './sandbox';

test.describe.configure({ timeout: 180_000 });

const FBA_NUMBER = '114-7000002-0000002';
const SENTENCE = 'Fulfilled by Amazon — nothing to ship here.';

const apps: BrowserModeApp[] = [];
const sandboxes: SandboxProcess[] = [];
test.afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

async function bridgeCall(page: Page, app: BrowserModeApp, method: string, input: object = {}) {
  const res = await page.request.post(`${app.origin}/bridge/call/${method}`, {
    data: input,
    headers: { [SECRET_HEADER]: app.secret },
  });
  return (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
}

/** A scanner: the code typed fast into a page that is not busy rendering, then Enter. */
async function scan(page: Page, code: string) {
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })),
  );
  await scanKeys(page, code);
}

async function allWrites(page: Page, sandbox: SandboxProcess): Promise<unknown[]> {
  const res = await page.request.get(`${sandbox.url}/__admin/writes`);
  return ((await res.json()) as { writes: unknown[] }).writes;
}

test('an order Amazon fulfils: hidden from the list, shown by the filter, read-only when scanned, the Ship command sends nothing', async ({
  page,
}) => {
  const sandbox = await startSandboxProcess({ orders: 40 });
  sandboxes.push(sandbox);
  await placeAmazonOrder(sandbox.url, FBA_NUMBER);
  const app = await launchBrowserMode();
  apps.push(app);
  await page.goto(app.url);
  await page.getByLabel('FeedAMP URL').fill(sandbox.url);
  await page.getByLabel('Username').fill('pack1');
  await page.getByLabel('Password').fill('right-password');
  await page.getByLabel('Client ID').fill('1001');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/^Last synced \d\d:\d\d$/)).toBeVisible({ timeout: 60_000 });
  const settings = await bridgeCall(page, app, 'settings.update', { scanner: { maxGapMs: 200 } });
  expect(settings.ok).toBe(true);

  // The list and its count leave the Amazon order out; the filter brings it in.
  const grid = page.getByRole('grid', { name: 'Orders' });
  const count = page.getByRole('status', { name: 'Order count' });
  type Listed = { orders: { id: string }[] };
  const packable = (await bridgeCall(page, app, 'orders.list')).result as Listed;
  const everything = (
    await bridgeCall(page, app, 'orders.list', { includeMarketplaceFulfilled: true })
  ).result as Listed;
  // The demo data may carry marketplace-fulfilled orders of its own besides ours.
  const hidden = everything.orders.length - packable.orders.length;
  expect(hidden).toBeGreaterThanOrEqual(1);
  await expect(count).toHaveText(`${packable.orders.length} orders`);
  const filter = page.getByLabel('Fulfilled by marketplace');
  await expect(filter.getByRole('option', { name: `Hidden (${hidden})` })).toHaveCount(1);
  await page.getByLabel('Search orders').fill(FBA_NUMBER);
  await expect(count).toHaveText(`Showing 0 of ${packable.orders.length} orders`);
  await expect(grid.getByRole('row', { name: new RegExp(FBA_NUMBER) })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Print pick list \(0\)/ })).toBeDisabled();
  await filter.selectOption({ label: 'Shown too' });
  const row = grid.getByRole('row', { name: new RegExp(FBA_NUMBER) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Fulfilled by Amazon');
  await expect(count).toHaveText(`Showing 1 of ${everything.orders.length} orders`);
  // Shown, but never picked or packed from a printed list.
  await expect(page.getByRole('button', { name: /^Print pick list \(0\)/ })).toBeDisabled();
  await page.getByLabel('Search orders').fill('');
  await filter.selectOption('hide');
  await expect(count).toHaveText(`${packable.orders.length} orders`);

  // Scanned: it opens read-only, with the banner and nothing to ship, cancel or fill.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const before = await allWrites(page, sandbox);
  await scan(page, FBA_NUMBER);
  await expect(page.getByRole('heading', { name: `Order ${FBA_NUMBER}` })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(SENTENCE);
  const lastScan = page.getByRole('status', { name: 'Last scan' });
  await expect(lastScan).toHaveText('Scan the next order.');
  await expect(page.getByRole('button', { name: /^Ship/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel lines (C)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Refund…' })).toHaveCount(0);
  await expect(page.getByLabel('Tracking number')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/marketplace-fulfilled.png', fullPage: true });

  // The Ship command barcode: the sentence again, nothing queued, nothing sent.
  await page.keyboard.press('r');
  await expect(lastScan).toHaveText('Read the order from FeedAMP again.');
  await scan(page, 'PL-CMD-SHIP');
  await expect(lastScan).toHaveText(SENTENCE);
  const outbox = (await bridgeCall(page, app, 'outbox.list')).result as { entries: unknown[] };
  expect(outbox.entries).toEqual([]);
  expect(await allWrites(page, sandbox)).toEqual(before);

  // Main refuses on its own, whatever the page does.
  const found = await bridgeCall(page, app, 'orders.find', { code: FBA_NUMBER });
  const [id] = (found.result as { orderIds: string[] }).orderIds;
  const view = (await bridgeCall(page, app, 'orders.get', { id })).result as {
    lines: { id: string }[];
  };
  const refused = await bridgeCall(page, app, 'pack.ship', {
    orderId: id,
    lines: [{ lineId: view.lines[0]!.id, quantity: 1 }],
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
  });
  expect(refused).toMatchObject({ ok: false, error: { message: SENTENCE } });
  expect(await allWrites(page, sandbox)).toEqual(before);
});
