// The Stats call carries every station's day only in warehouse mode, asked from local midnight.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statsHandlers } from '../../../main/bridge/handlers/stats';
import { silentLogger } from '../../../main/log';
import type { StationDay } from '../../../main/station/warehouse/packed-lines';
import { PackingLog } from '../../../main/station/stats/packing-log';

const logs: PackingLog[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
});

async function openLog(): Promise<PackingLog> {
  const log = await PackingLog.open({
    dir: mkdtempSync(join(tmpdir(), 'every-station-')),
    log: silentLogger,
    order: () => undefined,
    identity: () => ({ packerName: '', stationName: 'Bench 1' }),
  });
  logs.push(log);
  return log;
}

describe('Stats: every station', () => {
  it('adds the warehouse database’s stations since local midnight, and nothing without it', async () => {
    const log = await openLog();
    const rows: StationDay[] = [
      { station: 'Bench 2', self: false, orders: 3, packages: 4, units: 9 },
      { station: 'Bench 1', self: true, orders: 1, packages: 1, units: 1 },
    ];
    let asked: Date | undefined;
    const withDb = statsHandlers(log, undefined, async (since) => {
      asked = since;
      return rows;
    });
    expect((await withDb['stats.summary']({})).stations).toEqual(rows);
    const now = new Date();
    expect(asked).toEqual(new Date(now.getFullYear(), now.getMonth(), now.getDate()));

    const alone = statsHandlers(log, undefined, async () => undefined);
    expect(await alone['stats.summary']({})).not.toHaveProperty('stations');
    expect(await statsHandlers(log)['stats.summary']({})).not.toHaveProperty('stations');
  });
});
