// Returns end to end, in browser mode against a FeedAMP sandbox process: the returns sync
// fills the Returns screen, a scanned RMA (typed fast and Enter, as a wedge scanner does) opens
// the return, one line is refunded, and the refund is uploaded — the outbox says so and the
// sandbox holds exactly one return refund.
import type { ReturnSummary } from '../../preload/api/returns';
import { expect, test } from './fixtures';

test.describe('a scanned RMA', () => {
  test.use({ sandboxOptions: { orders: 240 } });

  test('scan an RMA, refund one line, see it uploaded once', async ({
    signedIn: page,
    sandbox,
    call,
  }) => {
    await expect(page.getByLabel('Signed in as')).toHaveText('pack1');

    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Returns' })
      .click();
    await expect(page.getByRole('heading', { name: 'Returns', level: 2 })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Returns sync' })).toHaveText(
      /^Returns synced \d\d:\d\d$/,
      { timeout: 30_000 },
    );
    const { returns } = await call<{ returns: ReturnSummary[] }>('returns.list');
    expect(returns.length).toBeGreaterThan(0);
    await expect(page.getByRole('status', { name: 'Return count' })).toHaveText(
      `${returns.length} ${returns.length === 1 ? 'return' : 'returns'}`,
    );
    await page.screenshot({ path: test.info().outputPath('returns-list.png'), fullPage: true });

    // A wedge scan: the RMA typed fast and Enter, with no field focused (one scan whatever the gaps).
    const target = returns.find((r) => r.rma && r.state !== 'REFUNDED')!;
    await page.getByRole('heading', { name: 'Returns', level: 2 }).click();
    await page.keyboard.type(target.rma!, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { name: `Return ${target.rma}`, level: 2 }),
    ).toBeVisible();
    await expect(page.getByRole('table', { name: 'Returned lines' })).toContainText(
      target.skus[0]!,
    );
    await expect(page.getByRole('heading', { name: /^Original order / })).toBeVisible();

    // Over the requested amount: refused in a sentence, nothing queued.
    const sku = target.skus[0]!;
    await page.getByLabel(`Refund ${sku}`, { exact: true }).check();
    const item = page.getByLabel(`Item refund for ${sku}`, { exact: true });
    const requested = Number(await item.inputValue());
    expect(requested).toBeGreaterThan(0);
    await item.fill((requested + 50).toFixed(2));
    await page.getByRole('button', { name: 'Queue refund' }).click();
    await expect(page.getByRole('alert')).toContainText(
      `${sku}: an item refund of USD ${(requested + 50).toFixed(2)} is more than the USD ${requested.toFixed(2)} requested`,
    );
    await page.screenshot({ path: test.info().outputPath('returns-refused.png'), fullPage: true });

    await item.fill(requested.toFixed(2));
    await page.getByLabel(`Notes for ${sku}`, { exact: true }).fill('Unopened, back in stock');
    await page.getByRole('button', { name: 'Queue refund' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Refund of 1 line queued' }),
    ).toBeVisible();
    await expect(page.getByRole('list', { name: 'Return activity' })).toContainText(
      `Refund return ${target.rma} — Uploaded`,
      { timeout: 20_000 },
    );
    await page.screenshot({ path: test.info().outputPath('returns-refunded.png'), fullPage: true });

    // A return tracking label typed into the search box opens the same return.
    await page.getByRole('button', { name: 'Back to returns' }).click();
    const search = page.getByLabel('Search or scan a return (RMA, return tracking, order number)');
    await search.fill(target.trackingNumbers[0]!);
    await search.press('Enter');
    await expect(
      page.getByRole('heading', { name: `Return ${target.rma}`, level: 2 }),
    ).toBeVisible();

    const counts = await call<{ sentToday: number; queued: number; attention: number }>(
      'outbox.status',
    );
    expect(counts).toMatchObject({ sentToday: 1, queued: 0, attention: 0 });
    const res = await page.request.get(`${sandbox.url}/__admin/writes?kind=return_refund`);
    const { writes } = (await res.json()) as {
      writes: { returnId: string; body: { merchant_refund_lines: unknown[] } }[];
    };
    expect(writes).toHaveLength(1);
    expect(writes[0]!.returnId).toBe(target.id);
    expect(writes[0]!.body.merchant_refund_lines).toEqual([
      expect.objectContaining({ item_refund: requested, refund_notes: 'Unopened, back in stock' }),
    ]);
  });
});

test('refund a line from an order: queued with its own refund number, uploaded, listed', async ({
  signedIn: page,
  sandbox,
  call,
}) => {
  const { orders } = await call<{ orders: { id: string; skus: string[] }[] }>('orders.list');
  const order = orders.find((o) => o.skus.length > 0)!;
  const scanBox = page.getByLabel('Scan or type an order number');
  await scanBox.fill(order.id);
  await scanBox.press('Enter');
  await page.getByRole('button', { name: 'Refund…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Refund order / });
  await expect(dialog.getByText('No refunds on this order yet.')).toBeVisible();
  const sku = order.skus[0]!;
  await dialog.getByLabel(`Refund ${sku}`, { exact: true }).check();
  await dialog.getByLabel(`Notes for ${sku}`, { exact: true }).fill('Scratched');
  await dialog.getByRole('button', { name: 'Queue refund' }).click();
  const queued = dialog
    .getByRole('status')
    .filter({ hasText: /^Refund PL-STATION1-\d{8}-\w+ queued/ });
  await expect(queued).toBeVisible();
  const number = /PL-STATION1-\d{8}-\w+/.exec((await queued.textContent()) ?? '')![0];
  await expect
    .poll(async () => {
      const res = await page.request.get(`${sandbox.url}/__admin/writes?kind=refund`);
      const { writes } = (await res.json()) as { writes: { body: { cp_refund_number: string } }[] };
      return writes.map((w) => w.body.cp_refund_number);
    })
    .toEqual([number]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Refund…' }).click();
  await expect(page.getByRole('list', { name: 'Refunds already on this order' })).toContainText(
    `${number} — USD`,
  );
  await page.screenshot({ path: test.info().outputPath('order-refund.png'), fullPage: true });
});
