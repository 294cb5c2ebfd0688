// The end-to-end specs' setup, as Playwright fixtures: a Packline host in browser mode, a FeedAMP
// sandbox in its own process, and the page signed in to either with its orders synced. Each is
// started only for the tests that ask for it and stopped after them.
//
//   test('…', async ({ demo: page, call }) => …)            the demo, orders synced
//   test('…', async ({ signedIn: page, sandbox }) => …)     a sandbox, signed in, orders synced
//   test.use({ sandboxOptions: { orders: 80 } })            how this spec's sandbox starts
import { expect, test as base, type Page } from '@playwright/test';
import type { OrderSummary } from '../../preload/api/orders';
import { bridgeCall, launchBrowserMode, type BrowserModeApp, type LaunchOptions } from './host';
import { startSandboxProcess, type SandboxOptions, type SandboxProcess } from './sandbox';

export { expect };

interface Options {
  /**
   * How every host of the test is launched (environment, arguments; a data folder given here
   * is every host's); what `launch` is given adds to it.
   */
  appOptions: LaunchOptions;
  /** How `sandbox` starts. */
  sandboxOptions: SandboxOptions;
}

interface Fixtures {
  /** Launches another host (a restart, a second station); all are stopped after the test. */
  launch: (options?: LaunchOptions) => Promise<BrowserModeApp>;
  /** The host the test runs against, launched with `appOptions`. */
  app: BrowserModeApp;
  /** A FeedAMP sandbox of this test's own, started with `sandboxOptions`. */
  sandbox: SandboxProcess;
  /** A bridge call to `app`, failing the test with main's error if it is refused. */
  call: <T>(method: string, input?: object) => Promise<T>;
  /** `page`, open on `app`, in the demo, its orders synced and listed. */
  demo: Page;
  /** `page`, open on `app`, signed in to `sandbox`, its orders synced and listed. */
  signedIn: Page;
}

export const test = base.extend<Fixtures & Options>({
  appOptions: [{}, { option: true }],
  sandboxOptions: [{}, { option: true }],

  launch: async ({ appOptions }, use) => {
    const started: BrowserModeApp[] = [];
    await use(async (options = {}) => {
      const app = await launchBrowserMode({
        ...appOptions,
        ...options,
        env: { ...appOptions.env, ...options.env },
      });
      started.push(app);
      return app;
    });
    await Promise.all(started.map((a) => a.stop()));
  },

  app: async ({ launch }, use) => {
    await use(await launch());
  },

  sandbox: async ({ sandboxOptions }, use) => {
    const sandbox = await startSandboxProcess(sandboxOptions);
    await use(sandbox);
    await sandbox.stop();
  },

  call: async ({ page, app }, use) => {
    await use((method, input) => bridgeCall(page, app, method, input));
  },

  demo: async ({ page, app }, use) => {
    await page.goto(app.url);
    await startDemo(page, app);
    await use(page);
  },

  // The sandbox first, so that it outlives the host at the end (as a FeedAMP would).
  signedIn: async ({ sandbox, app, page }, use) => {
    await page.goto(app.url);
    await signIn(page, app, sandbox);
    await use(page);
  },
});

/** The sign-in form filled for `sandbox` and sent from the keyboard; nothing awaited. */
export async function submitSignIn(
  page: Page,
  sandbox: SandboxProcess,
  password = sandbox.password,
): Promise<void> {
  await page.getByLabel('FeedAMP URL').fill(sandbox.url);
  await page.getByLabel('Username').fill(sandbox.user);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Client ID').fill(sandbox.client);
  await page.getByRole('button', { name: 'Sign in' }).press('Enter');
}

/** Signs the open sign-in page in to `sandbox` and waits for the orders (see `synced`). */
export async function signIn(
  page: Page,
  app: BrowserModeApp,
  sandbox: SandboxProcess,
): Promise<OrderSummary[]> {
  await submitSignIn(page, sandbox);
  return synced(page, app);
}

/** Starts the demo from the open sign-in page and waits for its orders (see `synced`). */
export async function startDemo(page: Page, app: BrowserModeApp): Promise<OrderSummary[]> {
  await page.getByRole('button', { name: 'Try the demo' }).press('Enter');
  return synced(page, app);
}

/**
 * Waits until the first sync has landed and the Orders list shows every order main holds (the
 * list refetches a moment after each change; a scan fired before that lands in a page still
 * rendering it). Returns those orders.
 */
export async function synced(page: Page, app: BrowserModeApp): Promise<OrderSummary[]> {
  await expect(page.getByText(/^Last synced \d\d:\d\d$/)).toBeVisible({ timeout: 60_000 });
  const { orders } = await bridgeCall<{ orders: OrderSummary[] }>(page, app, 'orders.list');
  await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(
    `${orders.length} ${orders.length === 1 ? 'order' : 'orders'}`,
  );
  return orders;
}

/** Names the station and its packer, and waits until the page's header shows the new name. */
export async function nameStation(
  page: Page,
  app: BrowserModeApp,
  stationName: string,
  packerName = 'Ana',
): Promise<void> {
  await bridgeCall(page, app, 'settings.update', { stationName, packerName });
  await expect(page.getByLabel('This station', { exact: true })).toHaveText(stationName);
}

/**
 * Resolves when the page has fetched an Orders list that `holds` is true of: call it before a
 * change to main's orders and await it after, and the page has taken the change in (it fetches
 * the list again a moment after each change, which no element of the page says).
 */
export function pageListed(
  page: Page,
  holds: (orders: OrderSummary[]) => boolean,
): Promise<unknown> {
  return page.waitForResponse(
    async (response) => {
      if (!response.url().endsWith('/bridge/call/orders.list')) return false;
      const reply = (await response.json()) as { result?: { orders: OrderSummary[] } };
      return holds(reply.result?.orders ?? []);
    },
    { timeout: 15_000 },
  );
}
