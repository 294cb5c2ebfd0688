import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderView } from '../../preload/api/orders';
import type { PackState } from '../../preload/api/pack';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { ups1Z } from '../unit/scan/check-digits';

// Needs Electron's real binary, which cannot be downloaded on the build machines. Everything it
// checks about the core also runs in browser mode (browser-mode.spec.ts, orders.spec.ts); what
// only Electron has (window options, app://, navigation and permission guards) is also
// unit-tested with a mocked electron module (test/unit/electron/).
//
// Two ways to run it where Electron exists:
//   npx playwright test test/e2e/electron.spec.ts              the app from dist/ (npm run build)
//   PACKLINE_ELECTRON_APP=release-e2e/linux-unpacked/packline npx playwright test …electron.spec
//     an installed/unpacked TEST package from `npm run dist -- --e2e`. A release package refuses:
//     its nodeCliInspect fuse is off, and Playwright launches with --inspect=0.
function electronBinary(): string | undefined {
  const found = findElectronBinary();
  return 'path' in found ? found.path : undefined;
}
const packaged = process.env.PACKLINE_ELECTRON_APP;
const binary = packaged ?? electronBinary();

test.describe('Electron app', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed on this machine (no access to its download); browser-mode.spec.ts and test/unit/electron cover the same core and the same guards.",
  );

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'packline-electron-e2e-'));
    app = await electron.launch({
      executablePath: binary,
      args: [...(packaged ? [] : ['.']), '--data-dir', dataDir],
      // Lets the unpackaged app use its updater (the update-ready test); a package ignores it.
      env: { ...process.env, PACKLINE_UPDATES_IN_DEVELOPMENT: '1' },
    });
    page = await app.firstWindow();
  });

  test.afterEach(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a window that shows mode and version over ipc', async () => {
    await expect(page.getByLabel('Mode')).toHaveText('Desktop app');
    await expect(page.getByLabel('Version')).toHaveText(/^Packline \d/);
    await expect(page.getByLabel('Connection')).toHaveText(/Connected/);
  });

  test('uses the data folder it was given and logs there', async () => {
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    expect(userData).toBe(dataDir);
    await expect(page.getByLabel('Mode')).toHaveText('Desktop app');
    expect(existsSync(join(dataDir, 'logs', 'packline.log'))).toBe(true);
  });

  test('the page is app://packline, isolated, sandboxed and without Node', async () => {
    expect(page.url()).toBe('app://packline/index.html');
    // Electron reports a renderer's sandbox on macOS and Windows (undefined on Linux); the
    // options themselves are asserted in test/unit/electron/hardening.test.ts.
    const tabs = await app.evaluate(({ app: electronApp }) =>
      electronApp.getAppMetrics().filter((m) => m.type === 'Tab'),
    );
    expect(tabs.length).toBeGreaterThan(0);
    for (const tab of tabs) if (tab.sandboxed !== undefined) expect(tab.sandboxed).toBe(true);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
      packline: typeof (globalThis as { packline?: unknown }).packline,
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      packline: 'object',
    });
  });

  test('the CSP forbids eval and inline script; app:// refuses paths outside the page', async () => {
    const evalBlocked = await page.evaluate(() => {
      try {
        return eval('1') !== 1;
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
    const res = await page.evaluate(async () => {
      const r = await fetch('app://packline/..%2f..%2fpackage.json');
      return { status: r.status, csp: r.headers.get('content-security-policy') };
    });
    expect(res.status).toBe(404);
    expect(res.csp).toContain("default-src 'self'");
  });

  test('navigation away and new windows are blocked', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // Main refuses the navigation and logs it: once that line is written, the page has stayed.
    const log = join(dataDir, 'logs', 'packline.log');
    await expect
      .poll(() => readFileSync(log, 'utf8'), { timeout: 15_000 })
      .toContain('"message":"blocked navigation"');
    expect(page.url()).toBe('app://packline/index.html');
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('permissions are denied without asking', async () => {
    const states = await page.evaluate(async () => ({
      notifications: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      media: await navigator.mediaDevices
        ?.getUserMedia({ video: true })
        .then(() => 'granted')
        .catch(() => 'denied'),
    }));
    expect(states).toEqual({ notifications: 'denied', geolocation: 'denied', media: 'denied' });
  });

  test('signs in to the demo and lists its orders over ipc', async () => {
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(page.getByLabel('Signed in as')).toHaveText('Demo');
    await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(/^\d+ orders$/, {
      timeout: 30_000,
    });
    await expect(page.getByRole('grid', { name: 'Orders' }).getByRole('row').nth(1)).toBeVisible();
  });

  test('packs and ships one demo order', async () => {
    // The page's own bridge (window.packline over ipc), for looking things up as a test.
    const invoke = <T>(method: string, input: object = {}) =>
      page.evaluate(
        async ([m, i]) => {
          const api = (
            window as unknown as {
              packline: {
                invoke: (
                  m: string,
                  i: unknown,
                ) => Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>;
              };
            }
          ).packline;
          const reply = await api.invoke(m, i);
          if (!reply.ok) throw new Error(reply.error?.message);
          return reply.result;
        },
        [method, input] as const,
      ) as Promise<T>;
    const scan = async (code: string) => {
      await page.keyboard.type(code, { delay: 5 });
      await page.keyboard.press('Enter');
    };

    await page.getByRole('button', { name: 'Try the demo' }).click();
    await expect(page.getByRole('status', { name: 'Order count' })).toHaveText(/^\d+ orders$/, {
      timeout: 30_000,
    });

    // A waiting order nobody has touched yet, with small quantities.
    const { orders } = await invoke<{ orders: { id: string; state?: string }[] }>('orders.list');
    let order: OrderView | undefined;
    for (const o of orders.filter((x) => x.state === 'AWAITING_SHIPMENT')) {
      const view = await invoke<OrderView>('orders.get', { id: o.id });
      const state = await invoke<PackState>('pack.refresh', { orderId: o.id });
      if (
        view.lines.every((l) => l.quantity === 1) &&
        state.lines.every((l) => l.shipped === 0 && l.cancelled === 0)
      ) {
        order = view;
        break;
      }
    }
    expect(order, 'a demo order with one unit per line').toBeDefined();

    await scan(order!.marketplaceOrderNumber ?? order!.id);
    for (const line of order!.lines) await scan(line.codes[0] ?? line.sku!);
    await scan(ups1Z('5R8939030000901'));
    await expect(page.getByLabel('Carrier', { exact: true })).toHaveValue('UPS');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status', { name: 'Order status' })).toHaveText('Shipped');
    await expect
      .poll(async () => (await invoke<{ sentToday: number }>('outbox.status')).sentToday, {
        timeout: 30_000,
      })
      .toBe(1);
  });

  test('a crashed page is reloaded and the packer is told; the crash is logged', async () => {
    // The sentence goes to a message box; record it instead of showing it.
    await app.evaluate(({ dialog }) => {
      const shown: string[] = [];
      (globalThis as { shown?: string[] }).shown = shown;
      dialog.showMessageBox = (...args: unknown[]) => {
        shown.push((args.at(-1) as { message: string }).message);
        return Promise.resolve({ response: 0, checkboxChecked: false });
      };
    });
    await expect(page.getByLabel('Mode')).toHaveText('Desktop app');
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer(),
    );
    await expect
      .poll(() => app.evaluate(() => (globalThis as { shown?: string[] }).shown ?? []), {
        timeout: 15_000,
      })
      .toEqual([expect.stringContaining("Packline's screen stopped unexpectedly")]);
    const window = await app.firstWindow();
    await expect(window.getByLabel('Mode')).toHaveText('Desktop app', { timeout: 15_000 });
    expect(readFileSync(join(dataDir, 'logs', 'packline.log'), 'utf8')).toContain(
      'page process gone',
    );
  });

  test('an update found on the seller server downloads and waits, said in Settings', async () => {
    // A generic-provider server as a seller would host it: latest-linux.yml and the file.
    const body = Buffer.from('not really an AppImage, but the bytes the checksum names');
    const sha512 = createHash('sha512').update(body).digest('base64');
    const file = 'Packline-99.0.0-linux-x86_64.AppImage';
    const yml =
      `version: 99.0.0\nfiles:\n  - url: ${file}\n    sha512: ${sha512}\n    size: ${body.length}\n` +
      `path: ${file}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`;
    const server: Server = createServer((req, res) => {
      if (req.url?.endsWith('/latest-linux.yml')) res.end(yml);
      else if (req.url?.endsWith(`/${file}`)) res.end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packline/`;
    try {
      await page.getByRole('button', { name: 'Try the demo' }).click();
      await expect(page.getByLabel('Signed in as')).toHaveText('Demo');
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('status', { name: 'Update status' })).toHaveText(
        /Automatic updates are off/,
      );
      await page.getByLabel('Update address').fill(url);
      await page
        .getByRole('form', { name: 'Updates' })
        .getByRole('button', { name: 'Save' })
        .click();
      // Installing waits for a quiet spell with no uploads and no open order, so the station
      // keeps running while the test looks.
      await expect(page.getByRole('status', { name: 'Update status' })).toHaveText(
        'Packline 99.0.0 is downloaded and installs when the upload queue is empty and no order is open.',
        { timeout: 30_000 },
      );
      expect(app.windows()).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
