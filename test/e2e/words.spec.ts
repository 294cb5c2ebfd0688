// What a packer reads, in browser mode against the demo: the Orders list's Notes column shows
// the customer's gift message and delivery notes, and the Returns screen names return types and
// states in words, never FeedAMP's codes.
import type { OrderSummary } from '../../preload/api/orders';
import type { ReturnSummary } from '../../preload/api/returns';
import { expect, test } from './fixtures';

test('the Notes column shows the gift message and delivery notes, one line, whole on hover', async ({
  demo: page,
  call,
}) => {
  const { orders } = await call<{ orders: OrderSummary[] }>('orders.list');
  const gift =
    orders.find((o) => o.giftMessage && o.deliveryNotes) ?? orders.find((o) => o.giftMessage);
  expect(gift, 'a demo order with a gift message').toBeDefined();
  const number = gift!.marketplaceOrderNumber ?? gift!.id;

  await page.getByLabel('Search orders').fill(number);
  const grid = page.getByRole('grid', { name: 'Orders' });
  const row = grid.getByRole('row').filter({ hasText: number });
  await expect(row).toHaveCount(1);
  const notes = row.getByRole('gridcell').last();
  await expect(notes).toContainText(`Gift: “${gift!.giftMessage}”`);
  if (gift!.deliveryNotes) await expect(notes).toContainText(`Delivery: ${gift!.deliveryNotes}`);
  await expect(notes).toHaveAttribute('title', /^Gift: “/);
  // One line: the cell is as tall as one line of text, however long the message.
  const box = await notes.boundingBox();
  expect(box!.height).toBeLessThan(30);
  // The state is in the State column, not under Notes.
  await expect(notes).not.toContainText(/Changed elsewhere|Cancelled|Queued/);

  // An order with neither shows a dash.
  const plain = orders.find((o) => !o.giftMessage && !o.deliveryNotes && o.marketplaceOrderNumber)!;
  await page.getByLabel('Search orders').fill(plain.marketplaceOrderNumber!);
  await expect(
    grid
      .getByRole('row')
      .filter({ hasText: plain.marketplaceOrderNumber! })
      .getByRole('gridcell')
      .last(),
  ).toHaveText('—');
});

test('the Returns screen names return types and states in words, not codes', async ({
  demo: page,
  call,
}) => {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Returns' })
    .click();
  // The demo's returns arrive with their own sync, after the orders': wait until some are listed
  // ("0 returns" is only the screen before that sync).
  await expect(page.getByRole('status', { name: 'Return count' })).toHaveText(
    /^[1-9][\d,]* returns?$/,
    { timeout: 30_000 },
  );
  const { returns } = await call<{ returns: ReturnSummary[] }>('returns.list');
  const table = page.getByRole('table', { name: 'Returns' });
  const types = new Set(returns.slice(0, 500).map((r) => r.returnType));
  const WORDS: Record<string, string> = {
    SHIP: 'Shipped back',
    IN_STORE: 'In store',
    NO_RETURN: 'No return (refund only)',
  };
  expect(types.size).toBeGreaterThan(1);
  for (const type of types) {
    if (!type) continue;
    await expect(table.getByText(WORDS[type]!, { exact: true }).first()).toBeVisible();
  }
  const text = (await table.innerText()).replace(/\s+/g, ' ');
  for (const code of ['NO_RETURN', 'IN_STORE', 'SHIP'])
    expect(text, `no "${code}" on the Returns screen`).not.toContain(code);
  expect(text, 'no SHOUTED_SNAKE code').not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);

  // A return of each kind opened: its type and state in words too, FeedAMP's ids folded away.
  const noReturn = returns.find((r) => r.returnType === 'NO_RETURN');
  if (noReturn) {
    await page
      .getByLabel('Search or scan a return (RMA, return tracking, order number)')
      .fill(noReturn.rma ?? noReturn.id);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /^Return /, level: 2 })).toBeVisible();
    await expect(page.getByText('No return (refund only)', { exact: true })).toBeVisible();
    await expect(page.getByText(noReturn.id, { exact: true })).toBeHidden();
    await page.getByText('FeedAMP details').click();
    await expect(page.getByText(noReturn.id, { exact: true })).toBeVisible();
  }
});
