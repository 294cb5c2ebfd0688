// 1,000 scans typed with random 0–80 ms gaps into a busy page (4× CPU throttling and a main-thread
// burner), read by Settings → "Test your scanner": how many split or were misread, and the real
// gaps Chromium stamped on the keys. The e2e spec runs 60 of these to stay near a minute.
//   npx tsx test/bench/scanner.bench.ts   (npm run build first)
import { chromium } from '@playwright/test';
import { launchBrowserMode } from '../e2e/host';
import { keepBusy, percentile, stretchedRun } from '../e2e/scanner-keys';
import { writeResults } from './summary';

const SCANS = Number(process.env.PACKLINE_SCANNER_SCANS ?? 1000);

async function main(): Promise<void> {
  const app = await launchBrowserMode();
  const browser = await chromium.launch({
    executablePath: process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Try the demo' }).press('Enter');
    await page.getByText(/^Last synced \d\d:\d\d$/).waitFor({ timeout: 120_000 });
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).press('Enter');
    await page.getByRole('region', { name: 'Test your scanner' }).focus();
    if (process.env.PACKLINE_BENCH_SHOT) await page.screenshot({ path: '/tmp/scanner-bench.png' });
    const stop = await keepBusy(page);
    const run = await stretchedRun(page, { count: SCANS, seed: 2026, minLength: 4, maxLength: 12 });
    await stop();
    const detail = {
      scans: run.scans,
      split: run.split,
      misread: run.misread,
      stalledByRunner: run.stalled,
      seconds: Math.round(run.ms / 100) / 10,
      codeLength: '4-12',
      typedGapMs: '0-80 uniform, page 4x throttled + 5 ms burned every 25 ms',
      measuredGapsMs: {
        count: run.gaps.length,
        p50: percentile(run.gaps, 0.5),
        p95: percentile(run.gaps, 0.95),
        max: Math.max(...run.gaps),
        over35: Math.round((run.gaps.filter((g) => g > 35).length / run.gaps.length) * 1000) / 10,
      },
      wrongs: run.wrongs,
    };
    console.log(JSON.stringify(detail, null, 2));
    writeResults(
      'scanner',
      [
        {
          target: `${run.scans} stretched scans (0–80 ms gaps) on a starved page`,
          goal: '0 split, 0 misread',
          measured: `${run.split} split, ${run.misread} misread (${run.stalled} set apart: the runner itself stalled)`,
          pass: run.split === 0 && run.misread === 0,
        },
      ],
      detail,
    );
    if (run.split || run.misread) process.exitCode = 1;
  } finally {
    await browser.close();
    await app.stop();
  }
}

void main();
