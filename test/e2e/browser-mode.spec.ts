import { expect, test } from './fixtures';

test('the page shows mode and version from a real bridge call, and receives events', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status.getByLabel('Mode')).toHaveText('Browser mode');
  await expect(status.getByLabel('Version')).toHaveText(/^Packline \d+\.\d+\.\d+/);
  await expect(status.getByLabel('Data folder')).toHaveText(app.dataDir);
  await expect(status.getByLabel('Connection')).toHaveText(/Connected · /);
});

test('the secret leaves the address bar but a reload keeps working', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');
  expect(page.url()).not.toContain(app.secret);
  await page.reload();
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');
});

test('a tab whose host restarted says so once, and takes the printed address without a manual reload', async ({
  page,
  app: first,
  launch,
}) => {
  await page.goto(first.url);
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');
  const { port } = new URL(first.url);
  await first.stop();
  const app = await launch({ dataDir: first.dataDir, args: ['--port', port] });
  expect(app.secret).not.toBe('');

  const banner = page.getByRole('alert', { name: 'Packline restarted' });
  await expect(banner).toContainText('Packline restarted — reload');
  await expect(banner).toHaveCount(1);
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();

  // The address the new host printed, opened in this same tab: only the fragment changes.
  await page.goto(app.url);
  await expect(banner).toBeHidden();
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');
  await expect(page.getByLabel('Connection')).toHaveText(/Connected · /);
  expect(page.url()).not.toContain(app.secret);
});

test('a page opened without the secret is refused and says why', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await expect(page.getByRole('alert')).toContainText('not the one Packline opened');
});

test('a call without the secret is refused', async ({ request, app }) => {
  const res = await request.post(`${app.origin}/bridge/call/app.info`, { data: {} });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a call from a foreign Origin is refused even with the secret', async ({ request, app }) => {
  const res = await request.post(`${app.origin}/bridge/call/app.info`, {
    data: {},
    headers: { 'x-packline-secret': app.secret, origin: 'http://evil.example' },
  });
  expect(res.status()).toBe(403);
});

test('a foreign site in the browser cannot read the bridge', async ({ page, app }) => {
  // A page on another origin tries to call the bridge the way a malicious site would.
  await page.route('http://evil.example/', (route) =>
    route.fulfill({ body: '<html><body>evil</body></html>', contentType: 'text/html' }),
  );
  await page.goto('http://evil.example/');
  const outcome = await page.evaluate(async (target) => {
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return `status ${res.status}`;
    } catch {
      return 'blocked';
    }
  }, `${app.origin}/bridge/call/app.info`);
  expect(outcome).not.toBe('status 200');
});

test('the secret never appears in the log', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');
  await page.request.post(`${app.origin}/bridge/call/app.info`, { data: {} });
  expect(app.stderr()).not.toContain(app.secret);
});
