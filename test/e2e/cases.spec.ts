// Case barcodes end to end, in browser mode against a sandbox in its own process, keyboard only:
// a code learned on the Pack screen as a case of 6 fills a line of 12 in two scans, a third is
// one over-scan, and Settings → Item codes lists it, exports it and imports it back.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { OrderView } from '../../preload/api/orders';
import type { PackState } from '../../preload/api/pack';
import { expectAccessible } from './axe';
import { expect, pageListed, test } from './fixtures';
import { scan } from './hands';
import type { SandboxProcess } from './sandbox';

test.describe.configure({ timeout: 180_000 });
// The app's CSP forbids inline scripts; axe is injected by the test, not by the app.
test.use({ bypassCSP: true, sandboxOptions: { orders: 40 } });

type Call = <T>(method: string, input?: object) => Promise<T>;

/**
 * A waiting order untouched on FeedAMP whose first line is now ordered by 12, once the page's
 * Orders list has taken the new quantity in.
 */
async function orderOfTwelve(page: Page, call: Call, sandbox: SandboxProcess) {
  const { orders } = await call<{ orders: { id: string; state?: string }[] }>('orders.list');
  for (const o of orders) {
    if (o.state !== 'AWAITING_SHIPMENT') continue;
    const state = await call<PackState>('pack.refresh', { orderId: o.id });
    if (!state.lines.every((l) => l.shipped === 0 && l.cancelled === 0)) continue;
    const order = await call<OrderView>('orders.get', { id: o.id });
    const line = order.lines[0]!;
    const units = order.lines.reduce((n, l) => n + l.quantity, 0) - line.quantity + 12;
    const listed = pageListed(page, (list) =>
      list.some((l) => l.id === o.id && l.unitCount === units),
    );
    const res = await page.request.put(`${sandbox.url}/__admin/orders/${o.id}/lines/${line.id}`, {
      data: { quantity: 12 },
    });
    expect(res.ok()).toBe(true);
    // Reading the order again brings the new quantity to the station.
    await call<PackState>('pack.refresh', { orderId: o.id });
    const again = await call<OrderView>('orders.get', { id: o.id });
    expect(again.lines[0]!.quantity).toBe(12);
    await listed;
    return { order: again, line: again.lines[0]! };
  }
  throw new Error('no untouched waiting order in the sandbox');
}

test('a case barcode of 6 learned on the Pack screen fills a line of 12; Settings lists, exports and imports it', async ({
  signedIn: page,
  sandbox,
  call,
}, testInfo) => {
  const { order, line } = await orderOfTwelve(page, call, sandbox);

  const lastScan = page.getByRole('status', { name: 'Last scan' });
  // A well-formed product barcode no item carries (only those are offered for learning).
  const caseCode = '4006381333931';
  await scan(page, order.marketplaceOrderNumber ?? order.id);
  await expect(page.getByRole('table', { name: 'Lines' })).toBeVisible();

  // Unknown code: offered to learn as the selected (first) line; digits say how many it holds.
  await scan(page, caseCode);
  await expect(lastScan).toContainText(
    `${caseCode} is a product barcode this station does not know. Press L to learn it as ${line.sku}.`,
  );
  const units = page.getByLabel('Units in this code');
  await expect(units).toHaveValue('1');
  await page.keyboard.press('6');
  await expect(units).toHaveValue('6');
  await expect(
    page.getByRole('button', { name: `Learn as a case of ${line.sku} (L)` }),
  ).toBeVisible();
  // The offer fits beside the sentence on the common packing-station screen.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(units).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('learn-case-1366x768.png') });
  await expectAccessible(page, 'the learn offer');
  await page.keyboard.press('l');
  await expect(lastScan).toHaveText(
    `Learned ${caseCode} as a case of 6 ${line.sku} — scan it again to pack it.`,
  );

  // Two scans of the case fill the line of 12.
  await scan(page, caseCode);
  await expect(lastScan).toContainText(`Case of 6 — ${line.sku}: 6 of 12`);
  await scan(page, caseCode);
  await expect(lastScan).toContainText(`Case of 6 — ${line.sku}: 12 of 12`);
  const box = page.getByLabel('Box', { exact: true });
  await expect(box).toContainText('12 units in this box');
  // A third is one over-scan; nothing is added.
  await scan(page, caseCode);
  await expect(lastScan).toHaveText(
    `Over-scan: this case holds 6 of ${line.sku} but none are left — put it back.`,
  );
  await expect(lastScan).toHaveAttribute('data-sound', 'over');
  await expect(box).toContainText('12 units in this box');

  // Settings → Item codes shows it.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).press('Enter');
  const section = page.getByRole('region', { name: 'Item codes' });
  const table = section.getByRole('table', { name: 'Learned item codes' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(caseCode);
  await expect(table.getByRole('row').nth(1)).toContainText(line.sku!);
  await expect(section.getByLabel(`Units in ${caseCode}`)).toHaveValue('6');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('item-codes.png') });
  await expectAccessible(page, 'Settings → Item codes');

  // Export, remove, import: the same code and units come back.
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export item codes' }).press('Enter');
  const file = testInfo.outputPath((await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    codes: [{ code: caseCode, sku: line.sku, units: 6 }],
  });
  await expect(section.getByRole('status')).toContainText('Saved 1 item code to');
  await section.getByRole('button', { name: `Remove ${caseCode}` }).press('Enter');
  await expect(section.getByText('No item codes learned yet.')).toBeVisible();
  await section.getByLabel('Import item codes (JSON)').setInputFiles(file);
  await expect(section.getByRole('status')).toHaveText(
    'Imported 1 item code: 1 new, 0 replaced codes already here.',
  );
  await expect(section.getByLabel(`Units in ${caseCode}`)).toHaveValue('6');
  // Imported again: the duplicate replaces the code, and says so.
  await section.getByLabel('Import item codes (JSON)').setInputFiles(file);
  await expect(section.getByRole('status')).toHaveText(
    'Imported 1 item code: 0 new, 1 replaced a code already here.',
  );
});
