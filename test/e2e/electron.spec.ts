import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

// Needs Electron's real binary, which cannot be downloaded on the build machines. Everything it
// checks also runs in browser mode (browser-mode.spec.ts) against the same core and contract.
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as string;
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed on this machine (no access to its download); browser-mode.spec.ts covers the same core.",
  );

  test('opens a window that shows mode and version over ipc', async () => {
    const app = await electron.launch({ executablePath: binary, args: ['.'] });
    try {
      const window = await app.firstWindow();
      await expect(window.getByLabel('Mode')).toHaveText('Desktop app');
      await expect(window.getByLabel('Version')).toHaveText(/^Packline \d/);
      await expect(window.getByLabel('Connection')).toHaveText(/Connected/);
      const isolated = await window.evaluate(
        () => typeof (globalThis as { require?: unknown }).require,
      );
      expect(isolated).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
