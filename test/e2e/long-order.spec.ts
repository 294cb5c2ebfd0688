// A 200-line order at 1366×768: the lines scroll on their own, the box and Ship stay on screen,
// and the line an item scan lands on is brought into view with its new count.
import type { OrderView } from '../../preload/api/orders';
import { expect, nameStation, test } from './fixtures';
import { scan } from './hands';

const LINES = 200;

test.use({
  sandboxOptions: { orders: 20, bigOrderLines: LINES },
  viewport: { width: 1366, height: 768 },
});

test('a scan far down a 200-line order shows its line, and the box stays in view', async ({
  signedIn: page,
  app,
  call,
}) => {
  await nameStation(page, app, 'Bench 1');
  const { orders } = await call<{ orders: { id: string; lineCount: number }[] }>('orders.list');
  const big = orders.find((o) => o.lineCount === LINES);
  expect(big, 'the sandbox made a 200-line order').toBeDefined();
  const order = await call<OrderView>('orders.get', { id: big!.id });

  await scan(page, order.marketplaceOrderNumber ?? order.id);
  const table = page.getByRole('table', { name: 'Lines' });
  await expect(table).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', String(LINES + 1));

  const far = order.lines[LINES - 20]!;
  const row = page.getByRole('row').filter({ hasText: far.sku! });
  await expect(row).toHaveCount(0); // far below: not even rendered yet
  await scan(page, far.sku!); // its SKU: the big order repeats the catalogue's barcodes
  await expect(row.getByLabel('In this box: 1')).toBeInViewport();
  await expect(page.getByLabel('Box', { exact: true })).toContainText('1 unit in this box');
  await expect(page.getByLabel('Box', { exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: /^Ship/ })).toBeInViewport();

  // The arrows walk the selection, and the selected line follows them into view.
  const first = order.lines[0]!;
  for (let i = 0; i < LINES; i++) await page.keyboard.press('ArrowUp');
  await expect(
    page.getByRole('row', { selected: true }).filter({ hasText: first.sku! }),
  ).toBeInViewport();
});
