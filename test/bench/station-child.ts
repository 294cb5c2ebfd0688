// One packing station for stations.bench.ts: a whole core in its own process (so it shares
// nothing with the other stations but the FeedAMP account), told when to sign in, reporting
// when its first order and returns syncs are done, and staying signed in (idle, its syncs on
// their timers) until the end of the measured shift.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createCore } from '../../main/core';
import { silentLogger } from '../../main/log';

const go = z.object({
  baseUrl: z.string(),
  username: z.string(),
  password: z.string(),
  clientId: z.string(),
  timeoutMs: z.number(),
  /** Stay signed in (incremental syncs on their timers) until this long after the start. */
  shiftMs: z.number(),
  /** This station's turn on the account, set in Settings as a shop's IT would. */
  turn: z.object({ station: z.number(), of: z.number() }).optional(),
});

export type StationResult = {
  station: number;
  signedInMs: number;
  ordersDoneMs: number | undefined;
  returnsDoneMs: number | undefined;
  ordersCached: number;
  error?: string;
};

const station = Number(process.argv[2] ?? '0');
const dataDir = mkdtempSync(join(tmpdir(), `bench-station-${station}-`));
const core = await createCore({
  info: { version: '0.0.0-bench', mode: 'browser', dataDir },
  log: silentLogger,
  heartbeatMs: 60_000,
});
// Every generated order is synced, so each station pages through all of them.
core.services.settings.update({
  sync: {
    normalizedStates: [
      'PENDING',
      'AWAITING_ACKNOWLEDGEMENT',
      'AWAITING_SHIPMENT',
      'SHIPPED',
      'CANCELLED',
    ],
  },
});
process.send?.({ ready: station });

process.once('message', (message: unknown) => {
  void run(go.parse(message));
});

async function run(input: z.infer<typeof go>): Promise<void> {
  const started = performance.now();
  const result: StationResult = {
    station,
    signedInMs: 0,
    ordersDoneMs: undefined,
    returnsDoneMs: undefined,
    ordersCached: 0,
  };
  try {
    if (input.turn)
      core.services.settings.update({
        stationsOnAccount: input.turn.of,
        stationNumber: input.turn.station,
      });
    await core.services.session.signIn({
      baseUrl: input.baseUrl,
      username: input.username,
      password: input.password,
      clientId: input.clientId,
    });
    result.signedInMs = performance.now() - started;
    const { sync, returns } = core.services;
    while (performance.now() - started < input.timeoutMs) {
      const orders = sync.status();
      if (result.ordersDoneMs === undefined && orders.lastReport?.kind === 'full')
        result.ordersDoneMs = performance.now() - started;
      if (result.returnsDoneMs === undefined && returns.sync.status().lastSuccessAt)
        result.returnsDoneMs = performance.now() - started;
      const done = result.ordersDoneMs !== undefined && result.returnsDoneMs !== undefined;
      if (done && performance.now() - started >= input.shiftMs) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    result.ordersCached = sync.status().cachedOrders;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  process.send?.({ result });
  await core.dispose();
  process.exit(0);
}
