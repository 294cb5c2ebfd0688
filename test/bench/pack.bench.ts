// Scan burst → line updated on screen, in Chromium, with 10k cached orders and a 200-line order
// (goal: p95 ≤ 16.7 ms, one frame). The time runs from the scanner's Enter (the end of the
// burst, when the wedge knows it is a scan) to the DOM cell "In this box" of that line showing the
// new count; the next animation frame is reported too.
//   npx tsx test/bench/pack.bench.ts
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startSandbox } from '../../main/sandbox/index';
import { launchBrowserMode } from '../e2e/host';
import { SECRET_HEADER } from '../../preload/channels';

const ORDERS = 10_000;
const BIG_LINES = 200;
const GOAL_MS = 16.7;

declare global {
  interface Window {
    __bench: { t0: number; target: string; want: string; dom: number[]; frame: number[] };
  }
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    orders: ORDERS,
    bigOrderLines: BIG_LINES,
    listRateLimit: false,
    user: 'pack1',
    password: 'pw',
  });
  const app = await launchBrowserMode();
  const browser = await chromium.launch({
    executablePath: process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // Before the app's own listeners, so the wedge cannot swallow the Enter from us.
    await page.addInitScript(() => {
      window.__bench = { t0: 0, target: '', want: '', dom: [], frame: [] };
      window.addEventListener(
        'keydown',
        (e) => {
          if (e.key === 'Enter') window.__bench.t0 = performance.now();
        },
        { capture: true },
      );
      new MutationObserver(() => {
        const b = window.__bench;
        if (!b.target || !b.t0) return;
        const cell = document.querySelector(`tr[data-line-id="${b.target}"] .box-count`);
        if (cell?.textContent !== b.want) return;
        const t0 = b.t0;
        b.t0 = 0;
        b.dom.push(performance.now() - t0);
        requestAnimationFrame(() => b.frame.push(performance.now() - t0));
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(app.url);
    const call = async <T>(method: string, input: object): Promise<T> => {
      const res = await page.request.post(`${app.origin}/bridge/call/${method}`, {
        data: input,
        headers: { [SECRET_HEADER]: app.secret },
      });
      return ((await res.json()) as { result: T }).result;
    };
    // Every state, so all 10k orders are in the station's cache (the default syncs ~74 %).
    await call('settings.update', {
      sync: {
        normalizedStates: [
          'PENDING',
          'AWAITING_ACKNOWLEDGEMENT',
          'AWAITING_SHIPMENT',
          'SHIPPED',
          'CANCELLED',
        ],
      },
    });
    await page.getByLabel('FeedAMP URL').fill(sandbox.url);
    await page.getByLabel('Username').fill('pack1');
    await page.getByLabel('Password').fill('pw');
    await page.getByLabel('Client ID').fill('1001');
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    await page.getByText(/^Last synced \d\d:\d\d$/).waitFor({ timeout: 300_000 });
    // A loaded bench machine stretches Playwright's 5 ms key gaps past 35 ms now and then, which
    // splits a burst; the measurement starts at the Enter, so a wider gap does not flatter it.
    await call('settings.update', { scanner: { maxGapMs: 100 } });
    const { orders } = await call<{ orders: { id: string; lineCount: number }[] }>(
      'orders.list',
      {},
    );
    const big = orders.find((o) => o.lineCount === BIG_LINES);
    if (!big) throw new Error('no 200-line order');
    const view = await call<{ lines: { id: string; sku: string }[] }>('orders.get', {
      id: big.id,
    });
    await page.waitForTimeout(1000);
    await page.keyboard.type(big.id, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Lines' }).waitFor();
    await page.waitForTimeout(1500); // the background refresh lands

    for (const line of view.lines) {
      await page.evaluate(
        ([target]) => {
          window.__bench.target = target!;
          window.__bench.want = '1';
        },
        [line.id],
      );
      const before = await page.evaluate(() => window.__bench.dom.length);
      await page.keyboard.type(line.sku, { delay: 5 });
      await page.keyboard.press('Enter');
      try {
        await page.waitForFunction((n) => window.__bench.frame.length > n, before, {
          timeout: 10_000,
        });
      } catch (error) {
        await page.screenshot({ path: '/tmp/pack-bench-stuck.png' });
        const said = await page.getByRole('status', { name: 'Last scan' }).textContent();
        throw new Error(`line ${line.sku} did not update: ${said ?? ''}`, { cause: error });
      }
      await page.waitForTimeout(60); // a packer's next scan is never sooner
    }
    const { dom, frame } = await page.evaluate(() => window.__bench);
    const result = {
      what: 'scan burst (Enter) → "In this box" cell of that line updated, Chromium, browser mode',
      when: new Date().toISOString(),
      cachedOrders: orders.length,
      orderLines: BIG_LINES,
      samples: dom.length,
      goalP95Ms: GOAL_MS,
      dom: {
        p50: +p(dom, 0.5).toFixed(2),
        p95: +p(dom, 0.95).toFixed(2),
        max: +Math.max(...dom).toFixed(2),
      },
      nextFrame: {
        p50: +p(frame, 0.5).toFixed(2),
        p95: +p(frame, 0.95).toFixed(2),
        max: +Math.max(...frame).toFixed(2),
      },
      pass: p(dom, 0.95) <= GOAL_MS,
    };
    mkdirSync('test/bench/results', { recursive: true });
    writeFileSync('test/bench/results/pack.json', JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await app.stop();
    await sandbox.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
