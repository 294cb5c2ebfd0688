import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install chromium); Playwright's own browser download cannot work
// on the build machines. The flags keep Chromium from dialling out on a closed network.
const executablePath = process.env.PACKLINE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  // Per test: generous for a loaded 2-core machine running two workers (speed is the benches' job).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Scans outside text fields no longer depend on key timing, so two workers are safe in CI too.
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
