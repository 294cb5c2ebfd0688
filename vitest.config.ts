import { defineConfig } from 'vitest/config';

// Threads without isolation: about 3x faster on the 2-core build machines.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
    globalSetup: ['test/support/build-main.ts'],
    pool: 'threads',
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Through Vite, so a test's vi.mock('electron') reaches electron-store's own import of it.
    server: { deps: { inline: ['electron-store'] } },
  },
});
