// Every screen and dialog of the demo, as a packer and a screen reader meet them: axe finds no
// serious or critical violation, and each main screen is photographed at the two sizes packing
// stations have (1366×768, 1920×1080). `PACKLINE_SCREENSHOTS=docs/screenshots` also copies the
// main ones there for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, startDemo, test } from './fixtures';

test.describe.configure({ timeout: 240_000 });

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
/** The screens the README shows; the rest stay in the test output. */
const FOR_README = new Set(['orders', 'pack']);

// The app's CSP forbids inline scripts; axe is injected by the test, not by the app.
test.use({ bypassCSP: true, viewport: SIZES[0] });

/** One screenshot per size, under the test's output folder (and docs/ when asked). */
async function photograph(page: Page, testInfo: TestInfo, name: string) {
  const docs = process.env.PACKLINE_SCREENSHOTS;
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Let layout settle after the resize (virtualised rows measure the new height).
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const path = testInfo.outputPath(`${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    if (docs && FOR_README.has(name)) {
      mkdirSync(docs, { recursive: true });
      copyFileSync(path, join(docs, `${name}-${size.width}x${size.height}.png`));
    }
  }
  await page.setViewportSize(SIZES[0]);
}

/** "?" opens the shortcut list here too, whole on a 768-pixel screen, and Esc closes it. */
async function expectHelpOpensWithQuestionMark(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  const box = (await help.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
}

const nav = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

test('every screen and dialog of the demo: no serious or critical axe violation, photographed at 1366×768 and 1920×1080', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);

  await expect(page.getByRole('heading', { name: 'Sign in to FeedAMP' })).toBeVisible();
  await expectAccessible(page, 'Sign in');
  await photograph(page, testInfo, 'sign-in');

  const orders = await startDemo(page, app);
  await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(/orders?$/);
  await expectAccessible(page, 'Orders');
  await photograph(page, testInfo, 'orders');
  await expectHelpOpensWithQuestionMark(page);

  // The order a 1366×768 station must show whole: ten lines, the package panel and Ship.
  const packable = orders.filter((o) => !o.marketplaceFulfilled && !o.cancelledByMarketplace);
  const big = [...packable].sort(
    (a, b) => Math.abs(a.lineCount - 10) - Math.abs(b.lineCount - 10),
  )[0]!;
  const scanBox = page.getByLabel('Scan or type an order number');
  await scanBox.fill(big.id);
  await scanBox.press('Enter');
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lines' }).getByRole('row')).toHaveCount(
    big.lineCount + 1,
  );
  await expectAccessible(page, 'Pack');
  await photograph(page, testInfo, 'pack');
  await expect(page.getByRole('button', { name: /^Ship/ })).toBeInViewport();

  await page.keyboard.press('c');
  const cancel = page.getByRole('dialog', { name: /cancel/i });
  await expect(cancel).toBeVisible();
  await expectAccessible(page, 'Cancel dialog');
  await photograph(page, testInfo, 'cancel-dialog');
  await page.keyboard.press('Escape');
  await expect(cancel).toBeHidden();

  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expectAccessible(page, 'Shortcut overlay');
  await photograph(page, testInfo, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await nav(page, /^Outbox/).click();
  await expect(page.getByRole('heading', { name: 'Outbox', level: 2 })).toBeVisible();
  await expectAccessible(page, 'Outbox');
  await photograph(page, testInfo, 'outbox');
  await expectHelpOpensWithQuestionMark(page);

  await nav(page, 'Stats').click();
  await expect(page.getByRole('heading', { name: 'Stats', level: 2 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Shipped' })).toBeVisible();
  await expectAccessible(page, 'Stats');
  await photograph(page, testInfo, 'stats');

  await nav(page, 'Returns').click();
  await expect(page.getByRole('heading', { name: 'Returns', level: 2 })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Return count' })).toHaveText(/\d+ returns?/, {
    timeout: 30_000,
  });
  await expectAccessible(page, 'Returns');
  await photograph(page, testInfo, 'returns');

  await page.getByRole('table', { name: 'Returns' }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { name: /^Return /, level: 2 })).toBeVisible();
  await expectAccessible(page, 'A return');
  await photograph(page, testInfo, 'return');

  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await expectAccessible(page, 'Settings');
  await photograph(page, testInfo, 'settings');
  await expectHelpOpensWithQuestionMark(page);
});
