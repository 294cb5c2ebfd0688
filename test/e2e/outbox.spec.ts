// The upload queue end to end, in browser mode: packages queued while FeedAMP is away wait, are counted
// in the header, and upload exactly once when it is back; a CSV is checked row by row before
// anything is queued; a refusal shows FeedAMP's reason and discarding asks first; waiting
// uploads move to another station through a file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { OrderSummary, OrderView } from '../../preload/api/orders';
import { expect, signIn, test } from './fixtures';
import { bridgeCall, type BrowserModeApp } from './host';
import type { SandboxProcess } from './sandbox';

test.use({
  // A short settle so an imported entry's look-up on FeedAMP does not wait half a minute.
  appOptions: { env: { PACKLINE_OUTBOX_SETTLE_MS: '300' } },
  // Its state in a file: stopped and started again, it is FeedAMP going away and coming back.
  sandboxOptions: { orders: 40, seed: 11, persist: true },
});

interface Shippable {
  orderId: string;
  number: string;
  lineId: string;
  sku: string;
}

/**
 * Orders FeedAMP has nothing shipped or cancelled on yet (the demo data has part-shipped ones),
 * read from main's cache and checked on the sandbox itself.
 */
async function shippableOrders(
  page: Page,
  app: BrowserModeApp,
  sandbox: SandboxProcess,
  count: number,
): Promise<Shippable[]> {
  const { orders } = await bridgeCall<{ orders: OrderSummary[] }>(page.request, app, 'orders.list');
  const basic = Buffer.from(`${sandbox.user}:${sandbox.password}`).toString('base64');
  const tokenReply = await page.request.get(`${sandbox.url}/api/v1/get_token`, {
    headers: { authorization: `Basic ${basic}` },
  });
  const { token } = (await tokenReply.json()) as { token: string };
  const headers = { token, client: sandbox.client };
  const found: Shippable[] = [];
  for (const o of orders) {
    if (found.length === count) break;
    if (o.state !== 'AWAITING_SHIPMENT' || !o.marketplaceOrderNumber) continue;
    const [f, c] = await Promise.all(
      ['fulfillments', 'cancellations'].map(async (what) => {
        const res = await page.request.get(`${sandbox.url}/api/v2/orders/${o.id}/${what}`, {
          headers,
        });
        return ((await res.json()) as Record<string, unknown[]>)[what]?.length ?? 0;
      }),
    );
    if (f !== 0 || c !== 0) continue;
    const view = await bridgeCall<OrderView>(page.request, app, 'orders.get', { id: o.id });
    const line = view.lines.find((l) => l.sku);
    // A SKU that appears once on the order, so a row names one line.
    if (!line?.sku || view.lines.filter((l) => l.sku === line.sku).length > 1) continue;
    found.push({ orderId: o.id, number: o.marketplaceOrderNumber, lineId: line.id, sku: line.sku });
  }
  expect(found).toHaveLength(count);
  return found;
}

function csv(rows: string[][]): string {
  const header = 'order_number,sku,quantity,carrier,tracking_number,ship_date';
  return [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

async function chooseCsv(page: Page, text: string) {
  await page.getByLabel('Shipments file (CSV)').setInputFiles({
    name: 'shipments.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
}

async function openOutbox(page: Page) {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /^Outbox/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Outbox', level: 2 })).toBeVisible();
}

interface SandboxWrite {
  kind: string;
  action: string;
  orderId: string;
  body: { shipment?: { tracking_number?: string } };
}

async function fulfillmentWrites(page: Page, sandbox: SandboxProcess): Promise<SandboxWrite[]> {
  const res = await page.request.get(`${sandbox.url}/__admin/writes?kind=fulfillment`);
  return ((await res.json()) as { writes: SandboxWrite[] }).writes;
}

function trackingOf(i: number): string {
  return `1ZE2E${String(Date.now()).slice(-8)}${i}`;
}

test('offline: three packages wait, then upload exactly once when FeedAMP is back', async ({
  signedIn: page,
  sandbox,
  app,
}) => {
  const targets = await shippableOrders(page, app, sandbox, 3);

  await sandbox.stop();
  await openOutbox(page);
  await page.getByRole('button', { name: 'Import shipments (CSV)' }).click();
  const tracking = targets.map((_, i) => trackingOf(i));
  await chooseCsv(
    page,
    csv(targets.map((t, i) => [t.number, t.sku, '1', 'UPS', tracking[i]!, '2026-11-22'])),
  );
  await expect(page.getByText('3 rows OK in 3 packages')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('outbox-csv-ok.png'), fullPage: true });
  await page.getByRole('button', { name: 'Queue 3 packages' }).click();
  await expect(page.getByText('Queued 3 packages.')).toBeVisible();

  const uploads = page.getByRole('region', { name: 'Uploads' });
  await expect(uploads.getByRole('status')).toHaveText('Offline — 3 packages waiting to upload', {
    timeout: 15_000,
  });
  await expect(page.getByRole('button', { name: 'Outbox (3)' })).toBeVisible();
  // Waiting: pending, or in a retry that is on its way (Sending) while FeedAMP is unreachable.
  await expect(
    page.getByRole('list', { name: /^(Pending|Sending)/ }).getByRole('listitem'),
  ).toHaveCount(3);
  await page.screenshot({ path: test.info().outputPath('outbox-offline.png'), fullPage: true });

  // The orders list marks each order as queued.
  await page.getByRole('navigation').getByRole('button', { name: 'Orders' }).click();
  await page.getByLabel('Search orders').fill(targets[0]!.number);
  await expect(
    page.getByRole('grid', { name: 'Orders' }).getByRole('row', { name: /Queued/ }),
  ).toHaveCount(1);

  await sandbox.startAgain();
  await openOutbox(page);
  await page.getByRole('button', { name: 'Upload now' }).click();
  await expect(
    page.getByRole('list', { name: /^Recently sent/ }).getByRole('listitem'),
  ).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Pending (0)' })).toBeVisible();
  await expect(uploads.getByRole('status')).toHaveText('3 uploaded today');
  await expect(page.getByRole('button', { name: 'Outbox', exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('outbox-sent.png'), fullPage: true });

  const writes = await fulfillmentWrites(page, sandbox);
  for (const [i, t] of targets.entries()) {
    const mine = writes.filter(
      (w) => w.orderId === t.orderId && w.body.shipment?.tracking_number === tracking[i],
    );
    expect(mine, `order ${t.number}`).toHaveLength(1);
  }
  expect(writes).toHaveLength(3);
});

test('CSV check names each wrong row: unknown order, unknown SKU, more than is left, bad carrier', async ({
  demo: page,
  call,
}) => {
  const { orders } = await call<{ orders: OrderSummary[] }>('orders.list');
  const order = orders.find(
    (o) => o.state === 'AWAITING_SHIPMENT' && o.marketplaceOrderNumber && o.skus.length === 1,
  )!;
  const number = order.marketplaceOrderNumber!;
  const sku = order.skus[0]!;

  await openOutbox(page);
  await page.getByRole('button', { name: 'Import shipments (CSV)' }).click();
  // The sample in assets/ matches the demo's orders (README "Outbox").
  await page.getByLabel('Shipments file (CSV)').setInputFiles('assets/sample-shipments.csv');
  await expect(page.getByText('7 rows OK in 4 packages', { exact: true })).toBeVisible();

  await chooseCsv(
    page,
    csv([
      ['NOPE-1234', sku, '1', 'UPS', '1ZNOPE0001', ''],
      [number, 'NO-SUCH-SKU', '1', 'UPS', '1ZNOPE0002', ''],
      [number, sku, '999', 'UPS', '1ZNOPE0003', ''],
      [number, sku, '1', 'Pigeon Post', '1ZNOPE0004', ''],
      [number, sku, '1', 'USPS', '9400111899223197428490', '2026-11-22'],
    ]),
  );
  await expect(page.getByText('1 row OK in 1 package, 4 rows with errors')).toBeVisible();
  const table = page.getByRole('table', { name: 'Check of shipments.csv' });
  const row = (n: number) =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: String(n), exact: true }) })
      .first();
  await expect(row(2)).toContainText('No order NOPE-1234 on this station');
  await expect(row(3)).toContainText(`NO-SUCH-SKU is not on order ${number}`);
  await expect(row(4)).toContainText(
    new RegExp(`Only \\d+ of ${sku} left on order ${number}; 999 is too many`),
  );
  await expect(row(5)).toContainText('Carrier "Pigeon Post" is not one FeedAMP knows');
  await expect(row(6)).toContainText('OK');
  await page.screenshot({ path: test.info().outputPath('outbox-csv-errors.png'), fullPage: true });

  await page.getByRole('button', { name: 'Queue 1 package' }).click();
  await expect(
    page.getByText('Queued 1 package. 4 rows with errors were not queued', { exact: false }),
  ).toBeVisible();
  // The rows with errors stay in view; the queued one leaves the table.
  const left = page.getByRole('table', { name: 'Not queued' });
  await expect(left.getByRole('row')).toHaveCount(5);
  await expect(left).toContainText('Pigeon Post');
  await expect(left).not.toContainText('9400111899223197428490');
});

test('a package for an order the marketplace cancelled is stopped before it is sent, needs attention, and discarding asks first', async ({
  signedIn: page,
  sandbox,
  app,
  call,
}) => {
  const [target] = await shippableOrders(page, app, sandbox, 1);

  // The marketplace cancels the order after this station synced it: the check before sending
  // reads the order from FeedAMP and stops the package; nothing is sent.
  const cancel = await page.request.put(`${sandbox.url}/__admin/orders/${target!.orderId}/state`, {
    data: { normalized_marketplace_state: 'CANCELLED' },
  });
  expect(cancel.ok()).toBe(true);
  await call('fulfillments.submit', {
    orderId: target!.orderId,
    lines: [{ lineId: target!.lineId, quantity: 1 }],
    carrier: 'UPS',
    trackingNumber: trackingOf(9),
  });

  await page.getByRole('button', { name: '1 needs attention' }).click();
  await expect(page.getByRole('heading', { name: 'Outbox', level: 2 })).toBeVisible();
  const attention = page.getByRole('list', { name: /^Needs attention/ });
  const entry = attention.getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/was cancelled on .*this package was not sent/);
  await expect(entry.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Fix' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('outbox-attention.png'), fullPage: true });

  // Discard asks first; keeping it changes nothing.
  await entry.getByRole('button', { name: 'Discard' }).click();
  const question = page.getByRole('alertdialog', { name: 'This will not be uploaded. Discard?' });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Yes, discard' }).click();
  await expect(page.getByRole('heading', { name: 'Needs attention (0)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /needs attention/ })).toHaveCount(0);
  expect(await fulfillmentWrites(page, sandbox)).toHaveLength(0);
});

test('waiting uploads move to a second station by file and upload once from there', async ({
  signedIn: page,
  sandbox,
  app: first,
  launch,
}) => {
  const targets = await shippableOrders(page, first, sandbox, 2);

  // FeedAMP away: the two packages wait on the first station.
  await sandbox.stop();
  const tracking = targets.map((_, i) => trackingOf(i));
  for (const [i, t] of targets.entries()) {
    await bridgeCall(page.request, first, 'fulfillments.submit', {
      orderId: t.orderId,
      lines: [{ lineId: t.lineId, quantity: 1 }],
      carrier: 'FedEx',
      trackingNumber: tracking[i],
    });
  }
  await openOutbox(page);
  await expect(page.getByRole('heading', { name: 'Pending (2)' })).toBeVisible();
  await page.getByRole('button', { name: 'Export waiting uploads' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Yes, export' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'packline-export-')), 'outbox.json');
  await (await download).saveAs(file);
  await expect(page.getByText(/^Saved 2 uploads to packline-outbox-.*\.json\./)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pending (0)' })).toBeVisible();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
  expect(exported.entries).toHaveLength(2);

  // A second station, its own data folder, signed in to the same FeedAMP.
  await sandbox.startAgain();
  const second = await launch();
  expect(second.dataDir).not.toBe(first.dataDir);
  await page.goto(second.url);
  await signIn(page, second, sandbox);
  await openOutbox(page);
  const importer = page.getByLabel('Import uploads from another station');
  await importer.setInputFiles(file);
  await expect(page.getByText('Added 2, already here 0.')).toBeVisible();
  await importer.setInputFiles(file);
  await expect(page.getByText('Added 0, already here 2.')).toBeVisible();
  await expect(
    page.getByRole('list', { name: /^Recently sent/ }).getByRole('listitem'),
  ).toHaveCount(2, { timeout: 30_000 });
  const writes = await fulfillmentWrites(page, sandbox);
  expect(writes.map((w) => w.body.shipment?.tracking_number).sort()).toEqual([...tracking].sort());
});
