// A screen that throws while rendering: the packer sees one sentence and a Reload button instead
// of a blank window, the rest of the page stays, and main's log gets the error through
// support.reportError. The boundary runs in Chromium, bundled here with a screen that fails on
// demand and a stand-in for the preload's window.packline that records the calls.
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SCREEN_PROBLEM } from '../../renderer/components/ScreenBoundary';

const HARNESS = `
import { createRoot } from 'react-dom/client';
import { ScreenBoundary } from '../../renderer/components/ScreenBoundary';

const w = window as unknown as Record<string, unknown> & Window;
w.failing = true;
w.calls = [];
w.packline = {
  invoke: async (method: string, input: unknown) => {
    (w.calls as unknown[]).push({ method, input });
    return { ok: true, result: {} };
  },
  on: () => () => undefined,
};

function OrdersScreen() {
  if (w.failing) throw new Error('orders table broke');
  return <p>Orders are here</p>;
}

createRoot(document.getElementById('root')!).render(
  <>
    <header>Packline</header>
    <ScreenBoundary name="orders"><OrdersScreen /></ScreenBoundary>
  </>,
);
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: HARNESS,
      loader: 'tsx',
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    target: 'chrome130',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

test('a screen that throws shows one sentence, reports to the log, and Reload re-mounts it', async ({
  page,
}) => {
  await page.setContent('<div id="root"></div>');
  await page.addScriptTag({ content: await bundle() });

  await expect(page.getByRole('alert')).toHaveText(new RegExp(`^${SCREEN_PROBLEM}`));
  await expect(page.getByText('Packline')).toBeVisible(); // the rest of the page stays
  await expect(page.getByText(/orders table broke|at OrdersScreen/)).toHaveCount(0);

  const reports = () =>
    page.evaluate(() =>
      (
        (window as unknown as { calls: { method: string; input: Record<string, string> }[] })
          .calls ?? []
      ).filter((c) => c.method === 'support.reportError'),
    );
  await expect.poll(async () => (await reports()).length).toBeGreaterThan(0);
  const [report] = await reports();
  expect(report!.input.message).toBe('Error: orders table broke');
  expect(report!.input.source).toBe('screen orders');
  expect(report!.input.stack).toContain('OrdersScreen');

  await page.evaluate(() => {
    (window as unknown as { failing: boolean }).failing = false;
  });
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByText('Orders are here')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
