// npx tsx test/bench/printing.bench.ts
// A 500-order, 2,000-line pick list to PDF in Chromium (browser mode, Playwright's page.pdf):
// goal ≤ 3 s from opening the print page to having the PDF, and ≤ 1.5 × the floor: Chromium
// printing the same pages from a static copy of the print page's own output (barcodes already
// drawn, no script), measured in the same run. Packing slips for the same 500 orders on 4×6:
// ≤ 5 s. The print page's JavaScript, gzipped: ≤ 150 kB. Needs `npm run build` first; results
// in test/bench/results/printing.json.
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../main/log';
import type { CachedOrder } from '../../main/station/orders/cache';
import { OrderStore } from '../../main/station/orders/store';
import { launchBrowserMode } from '../e2e/host';
import { median, spread, writeResults, type SummaryRow } from './summary';

const ORDERS = 500;
const LINES_PER_ORDER = 4;
const SKUS = 400;
const RUNS = 3;
const GOAL_MS = 3_000;
const SLIPS_GOAL_MS = 5_000;
const FLOOR_GOAL = 1.5;
const BUNDLE_GOAL_KB = 150;
const PRINT_DIR = 'dist/renderer/print';

/** The print page's scripts as the built page loads them, gzipped (what a window fetches). */
function printScriptKb(): number {
  const html = readFileSync(`${PRINT_DIR}/print.html`, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce(
    (n, f) => n + gzipSync(readFileSync(join(PRINT_DIR, f.replace(/^\/print\//, '')))).length,
    0,
  );
  return +(bytes / 1000).toFixed(1);
}

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
    {
      runsMs: number[];
      readyMs: number[];
      medianMs: number;
      pages: number;
      bytes: number;
      floorMs: number[];
      floorMedianMs: number;
      floorPages: number;
    }
  > = {};
  const staticFiles: string[] = [];
  try {
    const page = await browser.newPage();
    const floorPage = await (await browser.newContext({ bypassCSP: true })).newPage();
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
        // Generous: on a shared machine 500 slips have taken tens of seconds to be ready.
        await page.waitForFunction(() => document.body.dataset.ready, undefined, {
          timeout: 180_000,
        });
        const ready = await page.evaluate(() => document.body.dataset.ready);
        if (ready !== 'true') throw new Error(`print page not ready: ${ready}`);
        readyMs.push(Math.round(performance.now() - started));
        pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        runsMs.push(Math.round(performance.now() - started));
      }
      const countPages = (b: Buffer) =>
        (b.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      const pages = countPages(pdf);
      // The floor: the page as printed, saved without its script (barcodes already drawn, the
      // @page rule it set from script written out as a stylesheet), printed the same way.
      // React's inline style attributes need the CSP lifted (the app sets them from script,
      // which the CSP allows): without it the copy lays out differently and prints fewer pages.
      const html = (await page.content())
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<meta[^>]*Content-Security-Policy[^>]*>/i, '');
      const pageCss = await page.evaluate(() =>
        document.adoptedStyleSheets
          .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
          .join('\n'),
      );
      const stem = `bench-floor-${name}`;
      writeFileSync(`${PRINT_DIR}/${stem}.css`, pageCss);
      writeFileSync(
        `${PRINT_DIR}/${stem}.html`,
        html.replace('</head>', `<link rel="stylesheet" href="${stem}.css"></head>`),
      );
      staticFiles.push(`${PRINT_DIR}/${stem}.css`, `${PRINT_DIR}/${stem}.html`);
      const floorMs: number[] = [];
      let floorPdf: Buffer = Buffer.alloc(0);
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await floorPage.goto(`${app.origin}/print/${stem}.html`);
        floorPdf = await floorPage.pdf({ preferCSSPageSize: true, printBackground: true });
        floorMs.push(Math.round(performance.now() - started));
      }
      results[name] = {
        runsMs,
        readyMs,
        medianMs: median(runsMs),
        pages,
        bytes: pdf.length,
        floorMs,
        floorMedianMs: median(floorMs),
        floorPages: countPages(floorPdf),
      };
      console.log(
        `${name}: ${runsMs.join(', ')} ms (median ${results[name].medianMs}; page ready after ${readyMs.join(', ')} ms), ${pages} pages; floor ${floorMs.join(', ')} ms, ${results[name].floorPages} pages`,
      );
    }
  } finally {
    for (const f of staticFiles) rmSync(f, { force: true });
    await browser.close();
    await app.stop();
  }
  const pick = results.pickList!;
  const slips = results.packingSlips!;
  const kb = printScriptKb();
  const ratio = (r: typeof pick) => +(r.medianMs / r.floorMedianMs).toFixed(2);
  const summary: SummaryRow[] = [
    {
      target: 'pick list, 500 orders / 2,000 lines to PDF',
      goal: `≤ ${GOAL_MS / 1000} s and ≤ ${FLOOR_GOAL} × static-page floor`,
      measured: `median ${(pick.medianMs / 1000).toFixed(2)} s (${spread(pick.runsMs)} ms), ${ratio(pick)}× floor (${pick.floorMedianMs} ms, ${pick.pages} pages)`,
      pass: pick.medianMs <= GOAL_MS && ratio(pick) <= FLOOR_GOAL,
    },
    {
      target: '500 packing slips on 4×6 to PDF',
      goal: `≤ ${SLIPS_GOAL_MS / 1000} s`,
      measured: `median ${(slips.medianMs / 1000).toFixed(2)} s (${spread(slips.runsMs)} ms), ${ratio(slips)}× floor (${slips.floorMedianMs} ms, ${slips.pages} pages)`,
      pass: slips.medianMs <= SLIPS_GOAL_MS,
    },
    {
      target: "print page's JavaScript, gzipped",
      goal: `≤ ${BUNDLE_GOAL_KB} kB`,
      measured: `${kb} kB`,
      pass: kb <= BUNDLE_GOAL_KB,
    },
  ];
  writeResults('printing', summary, {
    what: `${ORDERS} orders / ${ORDERS * LINES_PER_ORDER} lines / ${SKUS} SKUs, print page → page.pdf in Chromium`,
    results,
    printScriptGzipKb: kb,
  });
  for (const row of summary)
    console.log(`${row.pass ? 'PASS' : 'FAIL'} ${row.target}: ${row.measured}`);
  if (summary.some((r) => r.pass === false)) process.exitCode = 1;
}

await main();
