// Orders end to end, in browser mode: sign in (demo or a real FeedAMP), see the orders, find
// one by number or SKU, open one by scanning it, keep them through a restart with FeedAMP gone.
import type { Page } from '@playwright/test';
import type { OrderSummary } from '../../preload/api/orders';
import type { Settings } from '../../preload/api/settings';
import { expect, submitSignIn, synced, test } from './fixtures';
import type { BrowserModeApp } from './host';

/** Every order main cached, counted and listed on the page after the first sync. */
async function syncedOrders(page: Page, app: BrowserModeApp): Promise<OrderSummary[]> {
  const orders = await synced(page, app);
  expect(orders.length).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(
    `${orders.length} orders`,
  );
  await expect(page.getByRole('grid', { name: 'Orders' })).toHaveAttribute(
    'aria-rowcount',
    String(orders.length + 1),
  );
  return orders;
}

test('demo: orders listed, search by number and by SKU, open one by typing its number', async ({
  demo: page,
  app,
  call,
}) => {
  await expect(page.getByLabel('Signed in as')).toHaveText('Demo');
  const orders = await syncedOrders(page, app);

  // Sorted by ship-by, with late orders said in words.
  const grid = page.getByRole('grid', { name: 'Orders' });
  const firstRow = grid.getByRole('row').nth(1);
  const earliest = [...orders]
    .filter((o) => o.shipBy)
    .sort((a, b) => Date.parse(a.shipBy!) - Date.parse(b.shipBy!))[0]!;
  if (Date.parse(earliest.shipBy!) < Date.now()) await expect(firstRow).toContainText('Late');

  // Search by an order number: that order, and only orders carrying that number.
  const target = orders.find((o) => o.marketplaceOrderNumber)!;
  const number = target.marketplaceOrderNumber!;
  const search = page.getByLabel('Search orders');
  await search.fill(number);
  await expect(grid.getByRole('row', { name: new RegExp(number) })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(
    new RegExp(`^Showing [1-3] of ${orders.length} orders$`),
  );

  // Search by a SKU: at least every order with that SKU, fewer than all.
  const sku = target.skus[0]!;
  const withSku = orders.filter((o) => o.skus.includes(sku)).length;
  await search.fill(sku);
  const count = page.getByRole('status', { name: 'Order count' });
  await expect(count).toHaveText(new RegExp(`^Showing \\d+ of ${orders.length} orders$`));
  const shown = Number(/Showing (\d+)/.exec((await count.textContent())!)![1]);
  expect(shown).toBeGreaterThanOrEqual(withSku);
  expect(shown).toBeLessThan(orders.length);
  await expect(grid.getByRole('row', { name: new RegExp(number) })).toBeVisible();
  await search.fill('');
  await expect(count).toHaveText(`${orders.length} orders`);

  // Open by typing a number the order carries into the scan box.
  const { orderIds } = await call<{ orderIds: string[] }>('orders.find', { code: number });
  expect(orderIds).toContain(target.id);
  const scanBox = page.getByLabel('Scan or type an order number');
  await scanBox.fill(target.id);
  await scanBox.press('Enter');
  await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
  const lines = page.getByRole('table');
  await expect(lines.getByRole('row')).toHaveCount(target.lineCount + 1);
  await expect(lines).toContainText(sku);
  await page.screenshot({ path: test.info().outputPath('order-detail.png') });

  // An unknown number says so, in a sentence.
  await scanBox.fill('NOPE-404');
  await scanBox.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'No order with number NOPE-404 on this station.',
  );

  // Back to the list with the button, then open a row with the keyboard.
  await page.getByRole('button', { name: /Next order/ }).click();
  await grid.getByRole('row').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
});

test('restart with FeedAMP gone: the orders synced last are still there, marked offline', async ({
  signedIn: page,
  sandbox,
  app,
  launch,
}) => {
  await expect(page.getByLabel('Signed in as')).toHaveText('pack1');
  const orders = await syncedOrders(page, app);
  await expect(page.getByLabel('FeedAMP')).toHaveText('Online');

  await sandbox.stop();
  await app.stop();
  const again = await launch({ dataDir: app.dataDir });
  await page.goto(again.url);

  await expect(page.getByLabel('FeedAMP')).toHaveText('Offline', { timeout: 30_000 });
  await expect(
    page.getByText('Offline — showing the orders synced last; will try again.'),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(
    `${orders.length} orders`,
  );
  const one = orders.find((o) => o.marketplaceOrderNumber)!;
  await page.getByLabel('Search orders').fill(one.marketplaceOrderNumber!);
  await page
    .getByRole('grid', { name: 'Orders' })
    .getByRole('row', { name: new RegExp(one.marketplaceOrderNumber!) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('offline.png') });
});

test('a wrong password reads as a sentence naming the user', async ({ page, sandbox, app }) => {
  await page.goto(app.url);

  // Checked on the page first: an empty form names each missing field.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your FeedAMP username')).toBeVisible();
  await expect(page.getByText('The client ID is a number, like 1001')).toBeVisible();

  await submitSignIn(page, sandbox, 'wrong-password');
  await expect(page.getByRole('alert')).toHaveText(
    'FeedAMP refused the password for user pack1 — check Settings.',
  );
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('settings persist across a restart', async ({ demo: page, app, launch }) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();

  // A wrong value is named next to its field and nothing is saved.
  await page.getByLabel('Station name').fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Give the station a name')).toBeVisible();

  await page.getByLabel('Station name').fill('Bench 7');
  await page.getByLabel('Packer name').fill('Ana');
  await page.getByRole('checkbox', { name: 'Pending' }).check();
  await page.getByLabel('Sync every (seconds)').fill('120');
  await page.getByRole('checkbox', { name: 'Send Basic auth on every FeedAMP call' }).uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Station name')).toHaveValue('Bench 7');
  await expect(page.getByLabel('This station', { exact: true })).toHaveText('Bench 7');
  await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });

  await app.stop();
  const again = await launch({ dataDir: app.dataDir });
  await page.goto(again.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Station name')).toHaveValue('Bench 7');
  await expect(page.getByLabel('Packer name')).toHaveValue('Ana');
  await expect(page.getByRole('checkbox', { name: 'Pending' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Awaiting shipment' })).toBeChecked();
  await expect(page.getByLabel('Sync every (seconds)')).toHaveValue('120');
  await expect(
    page.getByRole('checkbox', { name: 'Send Basic auth on every FeedAMP call' }),
  ).not.toBeChecked();

  // Sign out asks first.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Yes, sign out' }).click();
  await expect(page.getByRole('button', { name: 'Try the demo' })).toBeVisible();
});

test("Settings: this station's turn on a shared account — refused above the count, kept after a reload", async ({
  demo: page,
  call,
}) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const stations = page.getByLabel('Stations on this FeedAMP account');
  const number = page.getByLabel("This station's number");
  await expect(stations).toHaveValue('1');
  await expect(number).toHaveValue('1');
  // A station alone has no turns, so its clock does not matter and is not shown.
  const clock = page.getByRole('status', { name: "This PC's clock" });
  await expect(clock).toHaveCount(0);
  await expect(stations).toHaveAccessibleDescription(/take turns at its 2 list requests a second/);
  await expect(number).toHaveAccessibleDescription(/clocks must be set by network time/);

  // A number above the count is named at its field; nothing is saved, nothing typed is lost.
  await page.getByLabel('Packer name').fill('Ana');
  await stations.fill('3');
  await number.fill('4');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const refusal = "This station's number must be from 1 to 3 — the stations on this account.";
  await expect(number).toHaveAccessibleDescription(new RegExp(refusal));
  await expect(page.getByText(refusal)).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await number.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('station-turn-refused.png') });
  // At 1366×768 the three FeedAMP fields and the message fit without scrolling sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  await expect(page.getByText('Saved', { exact: true })).toHaveCount(0);
  await expect(stations).toHaveValue('3');
  await expect(page.getByLabel('Packer name')).toHaveValue('Ana');
  expect(await call<Settings>('settings.get')).toMatchObject({
    stationsOnAccount: 1,
    stationNumber: 1,
    packerName: '',
  });

  await number.fill('2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByText(refusal)).toHaveCount(0);

  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(stations).toHaveValue('3');
  await expect(number).toHaveValue('2');
  await expect(page.getByLabel('Packer name')).toHaveValue('Ana');
  // With turns, the PC's clock as FeedAMP's answers tell it (the demo's sandbox runs here).
  await expect(clock).toHaveText(/This PC's clock agrees with FeedAMP's to within \d\.\d s/);
});
