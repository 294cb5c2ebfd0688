// `npm run dev`: a saved renderer or main file reloads the open page, which keeps working with
// the same address and secret (the host restarts on the same port with the same secret).
import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.setTimeout(180_000);

async function savedReloads(page: Page, file: string) {
  await page.evaluate(() => ((window as unknown as { beforeSave?: true }).beforeSave = true));
  const now = new Date();
  utimesSync(file, now, now); // what an editor's save does to the watcher
  await page.waitForFunction(
    () => (window as unknown as { beforeSave?: true }).beforeSave === undefined,
    null,
    { timeout: 90_000 },
  );
  // Still signed in to this host: the bridge answers with the same secret.
  await expect(page.getByRole('button', { name: /demo/i })).toBeVisible({ timeout: 30_000 });
}

test('npm run dev reloads the page after a renderer or a main file is saved', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-dev-'));
  const dev = spawn(process.execPath, ['scripts/dev.mjs', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  dev.stdout.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await expect
      .poll(() => /Packline: (http\S+)/.exec(output)?.[1], { timeout: 120_000 })
      .toBeTruthy();
    const url = /Packline: (http\S+)/.exec(output)![1]!;
    await page.goto(url);
    await expect(page.getByRole('button', { name: /demo/i })).toBeVisible({ timeout: 30_000 });

    await savedReloads(page, 'renderer/components/ScreenBoundary.tsx');
    await savedReloads(page, 'main/host.ts');
    expect(page.url().startsWith(new URL(url).origin)).toBe(true);
  } finally {
    const exited = new Promise((r) => dev.once('exit', r));
    dev.kill('SIGTERM');
    await exited;
  }
});
