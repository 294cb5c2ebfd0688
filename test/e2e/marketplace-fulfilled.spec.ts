// An order Amazon fulfils itself, end to end in browser mode against a sandbox in its own
// process: not in the Orders list until the filter asks for it, opened read-only with the
// banner when its number is scanned, and the Ship command barcode on it sends nothing.
import type { Page } from '@playwright/test';
import { placeAmazonOrder } from '../unit/pack/marketplace-order';
import { expect, signIn, test } from './fixtures';
import { scan } from './hands';
import { bridgeReply } from './host';
import type { SandboxProcess } from './sandbox';

test.describe.configure({ timeout: 180_000 });
test.use({ sandboxOptions: { orders: 40 } });

const FBA_NUMBER = '114-7000002-0000002';
const SENTENCE = 'Fulfilled by Amazon — nothing to ship here.';

async function allWrites(page: Page, sandbox: SandboxProcess): Promise<unknown[]> {
  const res = await page.request.get(`${sandbox.url}/__admin/writes`);
  return ((await res.json()) as { writes: unknown[] }).writes;
}

test('an order Amazon fulfils: hidden from the list, shown by the filter, read-only when scanned, the Ship command sends nothing', async ({
  page,
  sandbox,
  app,
  call,
}) => {
  await placeAmazonOrder(sandbox.url, FBA_NUMBER);
  await page.goto(app.url);
  await signIn(page, app, sandbox);
  await call('settings.update', { scanner: { maxGapMs: 200 } });

  // The list and its count leave the Amazon order out; the filter brings it in.
  const grid = page.getByRole('grid', { name: 'Orders' });
  const count = page.getByRole('status', { name: 'Order count' });
  type Listed = { orders: { id: string }[] };
  const packable = await call<Listed>('orders.list');
  const everything = await call<Listed>('orders.list', { includeMarketplaceFulfilled: true });
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
  await page.screenshot({
    path: test.info().outputPath('marketplace-fulfilled.png'),
    fullPage: true,
  });

  // The Ship command barcode: the sentence again, nothing queued, nothing sent.
  await page.keyboard.press('r');
  await expect(lastScan).toHaveText('Read the order from FeedAMP again.');
  await scan(page, 'PL-CMD-SHIP');
  await expect(lastScan).toHaveText(SENTENCE);
  const outbox = await call<{ entries: unknown[] }>('outbox.list');
  expect(outbox.entries).toEqual([]);
  expect(await allWrites(page, sandbox)).toEqual(before);

  // Main refuses on its own, whatever the page does.
  const { orderIds } = await call<{ orderIds: string[] }>('orders.find', { code: FBA_NUMBER });
  const [id] = orderIds;
  const view = await call<{ lines: { id: string }[] }>('orders.get', { id });
  const refused = await bridgeReply(page, app, 'pack.ship', {
    orderId: id,
    lines: [{ lineId: view.lines[0]!.id, quantity: 1 }],
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
  });
  expect(refused).toMatchObject({ ok: false, error: { message: SENTENCE } });
  expect(await allWrites(page, sandbox)).toEqual(before);
});
