// An over-shipment on the Outbox screen, in browser mode: another client's shipment of the same
// unit lands just before this station's (FeedAMP's quantity check off, as FeedAMP may not
// refuse it). The package is listed under Needs attention with the facts, has no Retry, and
// "Withdraw this package" — pressed from the keyboard — deletes this station's shipment on
// FeedAMP through the outbox.
import type { OrderSummary, OrderView } from '../../preload/api/orders';
import type { OutboxEntryView } from '../../preload/api/outbox';
import { expect, test } from './fixtures';

test.use({ sandboxOptions: { orders: 40 } });

test('an over-shipped package needs attention and is withdrawn from the keyboard', async ({
  signedIn: page,
  sandbox,
  call,
}) => {
  // An order FeedAMP shows nothing shipped or cancelled on.
  const basic = Buffer.from(`${sandbox.user}:${sandbox.password}`).toString('base64');
  const tokenReply = await page.request.get(`${sandbox.url}/api/v1/get_token`, {
    headers: { authorization: `Basic ${basic}` },
  });
  const headers = {
    token: ((await tokenReply.json()) as { token: string }).token,
    client: sandbox.client,
  };
  const records = async (orderId: string, what: string) => {
    const res = await page.request.get(`${sandbox.url}/api/v2/orders/${orderId}/${what}`, {
      headers,
    });
    return ((await res.json()) as Record<string, { fulfillment_lines?: { quantity: number }[] }[]>)[
      what
    ]!;
  };
  const { orders } = await call<{ orders: OrderSummary[] }>('orders.list');
  let target: { order: OrderView; lineId: string; sku: string; quantity: number } | undefined;
  for (const o of orders) {
    if (o.state !== 'AWAITING_SHIPMENT') continue;
    if ((await records(o.id, 'fulfillments')).length > 0) continue;
    if ((await records(o.id, 'cancellations')).length > 0) continue;
    const view = await call<OrderView>('orders.get', { id: o.id });
    const line = view.lines.find((l) => l.sku);
    if (!line?.sku) continue;
    target = { order: view, lineId: line.id, sku: line.sku, quantity: line.quantity };
    break;
  }
  expect(target).toBeDefined();
  const { order, lineId, sku, quantity } = target!;

  const admin = (method: string, path: string, data: object) =>
    page.request.fetch(`${sandbox.url}/__admin${path}`, { method, data });
  expect((await admin('PUT', '/settings', { enforceQuantities: false })).ok()).toBe(true);
  const other = {
    fulfillment_type: 'shipment',
    fulfillment_lines: [{ line_id: lineId, quantity }],
    shipment: {
      shipped_date: '2026-01-05T10:00:00-05:00',
      carrier: 'USPS',
      tracking_number: '9400E2EOTHER',
    },
  };
  const fault = {
    action: 'otherWrite',
    match: '^POST .*/fulfillments$',
    orderId: order.id,
    write: { kind: 'fulfillment', orderId: order.id, body: other },
  };
  expect((await admin('POST', '/faults/queue', fault)).ok()).toBe(true);

  const entry = await call<OutboxEntryView>('fulfillments.submit', {
    orderId: order.id,
    lines: [{ lineId, quantity: 1 }],
    carrier: 'UPS',
    trackingNumber: '1ZE2EMINE',
  });

  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: /^Outbox/ })
    .click();
  const attention = page.getByRole('list', { name: /^Needs attention/ });
  const item = attention.getByRole('listitem');
  await expect(item).toHaveCount(1, { timeout: 15_000 });
  await expect(item).toContainText(
    `${sku}: ${quantity + 1} shipped of ${quantity} ordered — this station's package ` +
      `(tracking 1ZE2EMINE) and another (tracking 9400E2EOTHER).`,
  );
  await expect(item.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /1 needs attention/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('over-shipped.png'), fullPage: true });

  // Keyboard only: focus the action and press Enter.
  const withdraw = item.getByRole('button', { name: 'Withdraw this package' });
  await withdraw.focus();
  await page.keyboard.press('Enter');
  await expect(attention).toHaveCount(0);
  await expect(page.getByText('Nothing needs attention.')).toBeVisible();

  const sent = await call<{ entries: OutboxEntryView[] }>('outbox.list');
  const mine = sent.entries.find((e) => e.id === entry.id)!;
  expect(mine.overShipSettled).toBe('withdrawn');
  await expect
    .poll(async () => {
      const list = await records(order.id, 'fulfillments');
      return list.flatMap((f) => f.fulfillment_lines ?? []).reduce((n, l) => n + l.quantity, 0);
    })
    .toBe(quantity);
  const writes = await page.request.get(`${sandbox.url}/__admin/writes?kind=fulfillment`);
  const all = ((await writes.json()) as { writes: { action: string; orderId: string }[] }).writes;
  expect(all.filter((w) => w.orderId === order.id).map((w) => w.action)).toEqual([
    'create',
    'create',
    'delete',
  ]);
});
