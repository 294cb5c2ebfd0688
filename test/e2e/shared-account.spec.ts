// Settings → FeedAMP tells a station how it shares its account: without turns, that FeedAMP has
// asked it to slow down (the sign of other stations on the account) and what to do; with turns,
// how this PC's clock compares with FeedAMP's.
import { expect, test } from './fixtures';

test.use({ sandboxOptions: { orders: 20 } });

test('a 429 from FeedAMP suggests turns; with turns, the clock is shown instead', async ({
  signedIn: page,
  sandbox,
}) => {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const advice = page.getByRole('status', { name: 'Other stations on this account' });
  const clock = page.getByRole('status', { name: "This PC's clock" });
  // Alone on the account so far: nothing to say.
  await expect(page.getByLabel('Stations on this FeedAMP account')).toHaveValue('1');
  await expect(advice).toHaveCount(0);
  await expect(clock).toHaveCount(0);

  // Another station takes the account's list requests: FeedAMP answers this one's next with 429.
  const fault = { action: 'rateLimit', match: '^GET .*/api/v2/orders', times: 1 };
  const queued = await page.request.post(`${sandbox.url}/__admin/faults/queue`, { data: fault });
  expect(queued.ok()).toBe(true);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(advice).toHaveText(
    /FeedAMP asked this station to slow down \(\d\d:\d\d\).*give each one its turn here/,
    { timeout: 20_000 },
  );

  // Given its turn, the station shows its clock as FeedAMP's answers tell it instead.
  await page.getByLabel('Stations on this FeedAMP account').fill('2');
  await expect(advice).toHaveCount(0);
  await expect(clock).toHaveText(/This PC's clock agrees with FeedAMP's to within \d\.\d s/);
});
