// npx tsx test/bench/printing.bench.ts
// A 500-order, 2,000-line pick list to PDF in Chromium (browser mode, Playwright's page.pdf):
// goal ≤ 3 s from opening the print page to having the PDF. Packing slips for the same 500
// orders are measured too. Needs `npm run build` first; results in test/bench/results/printing.json.
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../main/log';
import type { CachedOrder } from '../../main/station/orders/cache';
import { OrderStore } from '../../main/station/orders/store';
import { launchBrowserMode } from '../e2e/host';

const ORDERS = 500;
const LINES_PER_ORDER = 4;
const SKUS = 400;
const RUNS = 3;
const GOAL_MS = 3_000;

function syntheticOrders(): CachedOrder[] {
  const orders: CachedOrder[] = [];
  for (let o = 0; o < ORDERS; o += 1) {
    const id = String(109872189273610000n + BigInt(o));
    orders.push({
      order: {
        id,
        marketplace_order_number: `11${o % 5}-${String(1000000 + o * 7919).slice(-7)}-${String(
          2000000 + o * 104729,
        ).slice(-7)}`,
        marketplace_name: 'Amazon',
        normalized_marketplace_state: 'AWAITING_SHIPMENT',
        latest_ship_date: new Date(Date.UTC(2025, 2, 1) + o * 60_000).toISOString(),
        shipping_address: {
          full_name: `Buyer ${o}`,
          address1: `${o} Main St`,
          city: 'Portland',
          state: 'OR',
          postal_code: '97205',
          country_code: 'US',
        },
        order_lines: Array.from({ length: LINES_PER_ORDER }, (_, l) => {
          const sku = (o * LINES_PER_ORDER + l * 37) % SKUS;
          return {
            id: `${id}${l}`,
            sku: `PL-SKU-${String(sku).padStart(4, '0')}`,
            product_name: `Product ${sku}, with a name as long as real ones get`,
            quantity: 1 + ((o + l) % 3),
            order_line_additional_properties: {
              upc: `0${String(10000000000 + sku).slice(-10)}`,
              bin_location: `${'ABCD'[sku % 4]}-${String(1 + (sku % 24)).padStart(2, '0')}-${1 + (sku % 5)}`,
            },
          };
        }),
      },
    });
  }
  return orders;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-bench-print-'));
  const store = await OrderStore.open(
    dataDir,
    createLogger(() => {}),
  );
  const orders = syntheticOrders();
  await store.upsert(orders);
  await store.close();
  const ids = orders.map((o) => o.order.id);

  const app = await launchBrowserMode({ dataDir });
  const browser = await chromium.launch({
    executablePath: process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const results: Record<
    string,
    { runsMs: number[]; readyMs: number[]; medianMs: number; pages: number; bytes: number }
  > = {};
  try {
    const page = await browser.newPage();
    await page.goto(app.url);
    // The print page reads the bridge secret the app page keeps for this tab. Opening it before
    // the app has taken the secret from the address is a race this bench lost 2 runs in 3, so
    // wait for what the app does once it has the secret: the address no longer carries it.
    await page.waitForFunction(() => !window.location.hash.includes('secret'), undefined, {
      timeout: 30_000,
    });
    for (const [name, query] of [
      ['pickList', `kind=pick-list&ids=${ids.join(',')}&pageSize=A4&margins=10,10,10,10`],
      ['packingSlips', `kind=packing-slips&ids=${ids.join(',')}&pageSize=4x6&margins=4,4,4,4`],
    ] as const) {
      const runsMs: number[] = [];
      const readyMs: number[] = [];
      let pdf: Buffer = Buffer.alloc(0);
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await page.goto(`${app.origin}/print/print.html?${query}`);
        await page.waitForFunction(() => document.body.dataset.ready, undefined, {
          timeout: 30_000,
        });
        const ready = await page.evaluate(() => document.body.dataset.ready);
        if (ready !== 'true') throw new Error(`print page not ready: ${ready}`);
        readyMs.push(Math.round(performance.now() - started));
        pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        runsMs.push(Math.round(performance.now() - started));
      }
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      const sorted = [...runsMs].sort((a, b) => a - b);
      results[name] = {
        runsMs,
        readyMs,
        medianMs: sorted[Math.floor(sorted.length / 2)]!,
        pages,
        bytes: pdf.length,
      };
      console.log(
        `${name}: ${runsMs.join(', ')} ms (median ${results[name]!.medianMs}; page ready after ${readyMs.join(', ')} ms), ${pages} pages`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  const pick = results.pickList!;
  const out = {
    when: new Date().toISOString(),
    what: `${ORDERS} orders / ${ORDERS * LINES_PER_ORDER} lines / ${SKUS} SKUs, print page → page.pdf in Chromium`,
    goalMs: GOAL_MS,
    pass: pick.medianMs <= GOAL_MS,
    results,
  };
  mkdirSync('test/bench/results', { recursive: true });
  writeFileSync('test/bench/results/printing.json', JSON.stringify(out, null, 2) + '\n');
  console.log(
    out.pass ? 'PASS' : 'FAIL',
    `pick list median ${pick.medianMs} ms (goal ≤ ${GOAL_MS})`,
  );
  if (!out.pass) process.exitCode = 1;
}

await main();
