// What the packer sees of the data folder: a damaged file recovered around (said once), and a
// full disk (a red "Disk full" in the header until a write succeeds again).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { expect, test as base } from './fixtures';
import { bridgeReply } from './host';

/**
 * What to undo after the test (folders, a mount), last first. Asked for before `launch`, so it
 * is set up before it and undone after the host that used them has stopped.
 */
const test = base.extend<{ cleanups: Array<() => void> }>({
  // Playwright reads a fixture's dependencies from this pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  cleanups: async ({}, use) => {
    const cleanups: Array<() => void> = [];
    await use(cleanups);
    for (const cleanup of cleanups.reverse()) cleanup();
  },
});

/** A journal line as Packline writes it: checksum, space, [seq, record], newline. */
function line(seq: number, record: unknown): string {
  const body = JSON.stringify([seq, record]);
  return `${crc32(body).toString(16).padStart(8, '0')} ${body}\n`;
}

test('a damaged line in the order cache is recovered around and said once', async ({
  cleanups,
  page,
  launch,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'packline-e2e-damage-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const lines = [1, 2, 3, 4, 5].map((n) =>
    line(n, { t: 'meta', meta: { lastSuccessAt: `2026-01-0${n}T10:00:00Z` } }),
  );
  lines[2] = lines[2]!.replace('2026', '2o26'); // one flipped character: its checksum fails
  writeFileSync(join(dataDir, 'orders.journal'), lines.join(''));

  const app = await launch({ dataDir });
  await page.goto(app.url);
  const notice = page.getByRole('alert').filter({ hasText: 'order cache file was damaged' });
  await expect(notice).toHaveText(
    /^The order cache file was damaged; 1 record could not be read and was kept in orders\.journal\.damaged-[\w-]+; 4 were recovered\. Close$/,
  );
  expect(readdirSync(dataDir).some((n) => n.startsWith('orders.journal.damaged-'))).toBe(true);
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect(notice).toHaveCount(0);
});

test('a full disk shows a red "Disk full" until a write succeeds again', async ({
  cleanups,
  page,
  request,
  launch,
}) => {
  test.skip(process.getuid?.() !== 0, 'mounting a 1 MB tmpfs needs root');
  const disk = mkdtempSync(join(tmpdir(), 'packline-e2e-tiny-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk], { stdio: 'pipe' });
  } catch {
    rmSync(disk, { recursive: true, force: true });
    test.skip(true, 'mount is not allowed here');
  }
  cleanups.push(() => {
    execFileSync('umount', ['-l', disk]);
    rmSync(disk, { recursive: true, force: true });
  });
  const dataDir = join(disk, 'Packline');
  mkdirSync(dataDir);
  const app = await launch({ dataDir });
  await page.goto(app.url);
  await expect(page.getByLabel('Mode')).toHaveText('Browser mode');

  const filler = join(disk, 'filler');
  try {
    writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
  } catch {
    // Full to the last byte, as wanted.
  }
  const call = (stationName: string) =>
    bridgeReply(request, app, 'settings.update', { stationName });
  const refused = await call('Bench 5');
  expect(refused).toMatchObject({
    ok: false,
    error: {
      code: 'STORAGE',
      message:
        'The disk is full — the settings were not saved. Free some space and save them again.',
    },
  });
  const header = page.getByRole('banner');
  await expect(header.getByRole('alert')).toHaveText('Disk full');
  await expect(page.getByLabel('Saving')).toHaveText(
    'The disk is full — the settings were not saved. Free some space and save them again.',
  );
  expect(app.process.exitCode).toBeNull();

  rmSync(filler);
  expect(await call('Bench 5')).toMatchObject({ ok: true });
  await expect(header.getByRole('alert')).toHaveCount(0);
});
