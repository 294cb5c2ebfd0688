// One packing station for the warehouse bench's failover part: the app's whole core in its own
// process (so killing it kills everything it had open, its database connections included), in
// warehouse mode, signed in to the sandbox when told. It reports its warehouse status and how
// many orders it has cached every 100 ms, until told to stop or killed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createCore } from '../../../main/core';
import { silentLogger } from '../../../main/log';

const go = z.object({
  feedamp: z.object({
    baseUrl: z.string(),
    username: z.string(),
    password: z.string(),
    clientId: z.string(),
  }),
  database: z.object({
    host: z.string(),
    port: z.number(),
    database: z.string(),
    user: z.string(),
  }),
});

export type FailoverStatus = {
  station: number;
  /** The warehouse station id (the sync election's connection is named after it). */
  stationId: string;
  state: string;
  leader: boolean;
  cachedOrders: number;
};

const station = Number(process.argv[2] ?? '0');
const dataDir = mkdtempSync(join(tmpdir(), `bench-warehouse-${station}-`));
const core = await createCore({
  info: { version: '0.0.0-bench', mode: 'browser', dataDir },
  log: silentLogger,
  heartbeatMs: 60_000,
});
const { settings, warehouse, session, sync } = core.services;
settings.update({ stationName: `Station ${station + 1}`, packerName: `Packer ${station + 1}` });
process.send?.({ ready: station });

let reporting: ReturnType<typeof setInterval> | undefined;
process.on('message', (message: unknown) => {
  if (message === 'stop') void stop();
  else void run(go.parse(message));
});

async function run(input: z.infer<typeof go>): Promise<void> {
  await warehouse.configure({ enabled: true, ssl: false, password: '', ...input.database });
  reporting = setInterval(() => {
    const status: FailoverStatus = {
      station,
      stationId: warehouse.station,
      state: warehouse.status().state,
      leader: warehouse.status().leader,
      cachedOrders: sync.status().cachedOrders,
    };
    process.send?.({ status });
  }, 100);
  await session.signIn(input.feedamp);
}

async function stop(): Promise<void> {
  clearInterval(reporting);
  await core.dispose();
  process.exit(0);
}
