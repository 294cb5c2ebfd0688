// Stations given turns send on a grid drawn from their own clocks; FeedAMP's Date headers tell
// a station whose clock is far off. Unit cases, then the client against the sandbox's real Date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockCheck } from '../../../main/feedamp/clock-check.js';
import { FeedampClient, MemoryTokenStore } from '../../../main/feedamp/index.js';
import { startSandbox } from '../../../main/sandbox/index.js';
import { describeClock } from '../../../preload/api/session.js';

const at = (ms: number) => new Date(ms).toUTCString();

describe('clock check', () => {
  it('knows nothing before an answer with a Date', () => {
    const check = new ClockCheck();
    check.observe(0, 10, undefined);
    check.observe(0, 10, 'not a date');
    expect(check.reading()).toEqual({ kind: 'unknown' });
  });

  it('agrees when FeedAMP stamps the same second as this PC', () => {
    const check = new ClockCheck();
    // Sent at :00.400, back at :00.450, FeedAMP's Date says :00 — within a second either way.
    check.observe(1_000_400, 1_000_450, at(1_000_000));
    expect(check.reading()).toEqual({ kind: 'agrees', withinMs: 600 });
    // Stamped in the next second although back only 10 ms after it turned, and stamped in
    // the same second although sent 900 ms into it: within 100 ms.
    check.observe(1_001_950, 1_002_010, at(1_002_000));
    check.observe(1_002_900, 1_002_950, at(1_002_000));
    expect(check.reading()).toEqual({ kind: 'agrees', withinMs: 100 });
  });

  it('says how far at least this PC is ahead or behind', () => {
    const ahead = new ClockCheck();
    // This PC says 10:00:05.2; FeedAMP stamped 10:00:02.
    ahead.observe(5_200, 5_260, at(2_000));
    expect(ahead.reading()).toEqual({ kind: 'off', ahead: true, byAtLeastMs: 2_200 });
    const behind = new ClockCheck();
    behind.observe(1_000, 1_100, at(4_000));
    expect(behind.reading()).toEqual({ kind: 'off', ahead: false, byAtLeastMs: 2_900 });
  });

  it('starts again when a clock is set (bounds that no longer overlap)', () => {
    const check = new ClockCheck();
    check.observe(5_200, 5_260, at(2_000));
    // The PC's clock was corrected: now FeedAMP's Date matches it.
    check.observe(10_300, 10_350, at(10_000));
    expect(check.reading()).toMatchObject({ kind: 'agrees' });
  });
});

it('Settings says it in words', () => {
  expect(describeClock({ kind: 'off', byAtLeastMs: 2_240, ahead: true })).toMatch(
    /^This PC's clock is at least 2\.2 s ahead of FeedAMP's\. Turns need every station's clock set by network time/,
  );
  expect(describeClock({ kind: 'off', byAtLeastMs: 61_000, ahead: false })).toContain(
    "at least 61.0 s behind FeedAMP's",
  );
  expect(describeClock({ kind: 'agrees', withinMs: 420 })).toContain('to within 0.4 s');
});

describe('a client reads the clock from the sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7, orders: 5 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const client = (skewMs: number) =>
    new FeedampClient({
      baseUrl: sandbox.url,
      username: sandbox.credentials.user,
      password: sandbox.credentials.password,
      clientId: sandbox.credentials.client,
      tokenStore: new MemoryTokenStore(),
      now: () => Date.now() + skewMs,
    });

  it('a PC 3 s ahead reads as at least 2 s ahead; one in step agrees', async () => {
    const fast = client(3_000);
    await fast.listOrders({ limit: 1 });
    const reading = fast.clockReading();
    expect(reading).toMatchObject({ kind: 'off', ahead: true });
    expect((reading as { byAtLeastMs: number }).byAtLeastMs).toBeGreaterThanOrEqual(2_000);
    const inStep = client(0);
    await inStep.listOrders({ limit: 1 });
    expect(inStep.clockReading()).toMatchObject({ kind: 'agrees' });
    await Promise.all([fast.close(), inStep.close()]);
  });
});
