// Crowds of stations on one FeedAMP account, simulated in virtual time (stations-sim.ts): each
// station's own list budget with the default config, the client's retry of a 429 and the syncs'
// retry of a failed run, against the sandbox's sliding one-second window of 2 requests. Each
// station signs in (one probe) and pages through 8 order pages and 1 returns page; the floor is
// the accepted requests at 2 a second.
//
// What no policy can beat: a station learns that the account is shared only from a 429, and a
// lone station must send at the full rate from its first request, so every station of a crowd
// but one meets at least one 429 (10 stations: 9 or more of about 110 requests). Past that, the
// crowd pays for its pace in 429s: ten stations each told the crowd's size and sending at a
// fixed phase of its own met a 429 on 22 % of their requests at 80 % of the account's rate, and
// still on 13 % at 60 % (1.9 × the floor). These tests hold the pace (the bench's goal of 1.5 ×
// the floor) and keep the 429s from growing.
//
// SIM_REPORT=1 prints the time / floor and the 429 share of every crowd.
import { describe, expect, it } from 'vitest';
import { simulateCrowd } from './stations-sim.js';

interface CrowdSummary {
  /** Time until every station's first syncs were done / floor, one per seed, sorted. */
  ratios: number[];
  median: number;
  /** 429s among all list requests of all seeds. */
  share429: number;
  signInFailed: number;
  /** 429s in the first 10 s after signing in, one per seed (the crowd finding its size). */
  firstTenSeconds429: number[];
}

async function crowds(
  stations: number,
  seeds: number,
  extra: { turns?: boolean; clockSkewMs?: number; windowToleranceMs?: number } = {},
): Promise<CrowdSummary> {
  const ratios: number[] = [];
  let limited = 0;
  let requests = 0;
  let signInFailed = 0;
  const firstTenSeconds429: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const crowd = await simulateCrowd({ stations, orderPages: 8, returnPages: 1, seed, ...extra });
    // Over the stations that signed in (one that gave up has no first sync to wait for).
    ratios.push(Math.max(...crowd.doneMs.filter((ms) => ms !== undefined)) / crowd.floorMs);
    firstTenSeconds429.push(crowd.requests.filter((r) => r.status === 429 && r.at < 10_000).length);
    limited += crowd.limited;
    requests += crowd.requests.length;
    signInFailed += crowd.signInFailed.length;
  }
  ratios.sort((a, b) => a - b);
  const summary = {
    ratios,
    median: ratios[Math.floor(seeds / 2)]!,
    share429: limited / requests,
    signInFailed,
    firstTenSeconds429,
  };
  if (process.env.SIM_REPORT)
    console.log(
      `${stations} stations${extra.turns ? ` with turns (clocks ±${extra.clockSkewMs ?? 0} ms)` : ''}: ${summary.median.toFixed(2)} × floor (worst ${ratios.at(-1)!.toFixed(2)}), 429s ${(100 * summary.share429).toFixed(1)} %`,
    );
  return summary;
}

describe('stations sharing one account (simulated)', () => {
  it('a lone station pages at the full rate from its first request and meets no 429', async () => {
    const lone = await simulateCrowd({ stations: 1, orderPages: 40, returnPages: 1, seed: 1 });
    expect(lone.limited).toBe(0);
    // Its first page goes at once, each later one half a second (plus the margin) after.
    expect(lone.doneMs[0]).toBeLessThanOrEqual(1.02 * (lone.accepted - 1) * 500 + 1_000);
  });

  it('ten signing in together all finish within 1.35 × the floor', async () => {
    const ten = await crowds(10, 12);
    expect(ten.signInFailed).toBe(0);
    // Halving for every 429 of a crowded moment and doubling back after 5 s took up to 1.61 ×.
    expect(ten.ratios.at(-1)).toBeLessThanOrEqual(1.35);
    // Halving once for every first 429 met 50.6 %.
    expect(ten.share429).toBeLessThan(0.5);
  });

  it('ten signing in together find their share sooner: fewer 429s in their first 10 s', async () => {
    const ten = await crowds(10, 12);
    // Stations refused on their very first request drop to an eighth at once instead of
    // halving once a crowded moment: 25-30 429s in the first 10 s (were 33-40).
    expect(Math.max(...ten.firstTenSeconds429)).toBeLessThanOrEqual(31);
  });

  it('twenty finish within 1.2 × the floor', async () => {
    const twenty = await crowds(20, 6);
    // One station in about eighty gives up signing in after 55 s of 429s, before as now.
    expect(twenty.signInFailed).toBeLessThanOrEqual(2);
    expect(twenty.ratios.at(-1)).toBeLessThanOrEqual(1.2);
    expect(twenty.share429).toBeLessThan(0.75);
  });

  it('a shop of two or three is not slowed by the crowd rules', async () => {
    const two = await crowds(2, 12);
    // Two stations on slots of their own keep them; doubling back after 5 s sent them into a
    // 429 together every few seconds (up to 1.47 × the floor, 17 % 429s).
    expect(two.ratios.at(-1)).toBeLessThanOrEqual(1.2);
    expect(two.share429).toBeLessThan(0.12);
    const three = await crowds(3, 12);
    // A station slowed eightfold at sign-in once waited up to 21 s before its first sync: the
    // median crowd of three took 1.67 × the floor.
    expect(three.median).toBeLessThanOrEqual(1.55);
    expect(three.ratios.at(-1)).toBeLessThanOrEqual(1.8);
    // The one refused on its first request drops to an eighth at once: 17 % (were 19 %).
    expect(three.share429).toBeLessThan(0.18);
  });

  // Given their turns in Settings (station k of N), the stations need no 429 to find their
  // share; each slot is 75 ms longer than half a second (turnMarginMs), for the jitter of each
  // station's network and clock. Simulated (8 seeds), ten stations: clocks within ±100 ms met
  // 0.1 % 429s at 1.19 × the floor on the sandbox's window; on a window that forgives no jitter,
  // ±50 ms met 0.2 % at 1.24 ×, ±100 ms 4 % at 2.2 ×. Clocks further apart put two stations'
  // turns too close: ±250 ms, 8 % and 2.2 ×; ±1 s, 18 % and 2.9 ×.
  it('ten given their turns meet no 429 and finish within 1.2 × the floor', async () => {
    const ten = await crowds(10, 8, { turns: true });
    expect(ten.share429).toBe(0);
    expect(ten.ratios.at(-1)).toBeLessThanOrEqual(1.2);
  });

  it('turns hold with clocks set by network time (within ±20 ms)', async () => {
    for (const stations of [3, 10, 20]) {
      const crowd = await crowds(stations, 4, { turns: true, clockSkewMs: 20 });
      expect(crowd.share429).toBe(0);
      expect(crowd.ratios.at(-1)).toBeLessThanOrEqual(1.2);
    }
  });

  it('turns hold on a window that forgives no jitter (FeedAMP documents none)', async () => {
    // One-way latency 15-100 ms and clocks ±50 ms; with the one-station margin of 8 ms: 14 %
    // 429s and 2 × the floor.
    const ten = await crowds(10, 8, { turns: true, clockSkewMs: 50, windowToleranceMs: 0 });
    expect(ten.share429).toBeLessThan(0.01);
    expect(ten.ratios.at(-1)).toBeLessThanOrEqual(1.3);
  });
});
