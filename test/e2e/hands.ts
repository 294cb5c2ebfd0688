// The keyboard at a packing bench, for the e2e specs: a scanner's bursts and a person's keys,
// counted, to hold the flows to their promises (N + 2 scans, at most one key, no mouse).
import type { Page } from '@playwright/test';
import { scanKeys } from './scanner-keys';

/** A scanner: the code typed fast, then Enter, into a page that finished its last render. */
export async function scan(page: Page, code: string): Promise<void> {
  // A scanner fires into a page that has finished its last render; a busy CI page would
  // otherwise stretch the first key gaps past the wedge's limit and split the burst.
  await page.evaluate(
    () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })),
  );
  // Stamped as the keyboard stamps a real scanner's keys, not waiting for the page between
  // them: on a loaded machine the runner's own round trips split scans no scanner would.
  await scanKeys(page, code);
}

/** A quick person's time between two keys, well over a scanner's (at most 35 ms by default). */
const PERSON_KEY_GAP_MS = 80;

export class Hands {
  scans = 0;
  keys = 0;
  readonly mouse = 0; // no test here ever touches the mouse
  constructor(readonly page: Page) {}
  async scan(code: string) {
    await scan(this.page, code);
    this.scans++;
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
    this.keys++;
  }
  /** A person's keys, at a person's pace: keys closer than a scanner's gap are a scan's. */
  async type(text: string) {
    for (const [i, ch] of [...text].entries()) {
      if (i > 0) await this.page.waitForTimeout(PERSON_KEY_GAP_MS);
      await this.press(ch);
    }
  }
}
