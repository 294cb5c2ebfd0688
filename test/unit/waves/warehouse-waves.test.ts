// Waves and item first in warehouse mode, on a real PostgreSQL: the next order is opened through
// the station's claim, so an order another bench holds is skipped with the claim's own sentence
// (the wave goes on), and an item scan goes to the next single-item order instead.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../../support/postgres';
import { createDatabase, startStation } from '../../support/warehouse';
import { cached, fakeStation } from './fakes';

const skip = postgresSkipReason();

describe.skipIf(skip)('waves in warehouse mode', () => {
  let server: TestPostgres;
  const stations: WarehouseService[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  afterEach(async () => {
    for (const s of stations.splice(0)) await s.stop();
  });

  async function benches() {
    const database = await createDatabase(server);
    const a = await startStation(server, database, { name: 'Station 3', packer: 'Ann' });
    const b = await startStation(server, database, { name: 'Station 4', packer: 'Bo' });
    stations.push(a, b);
    return { a, b };
  }

  it('a wave skips the order another station packs, naming it, and goes on', async () => {
    const { a, b } = await benches();
    const orders = ['1', '2', '3'].map((id) => cached(id));
    const bench = await fakeStation(orders, (id) => b.open(id));
    await a.open('2');
    const { code } = bench.print(['1', '2', '3']);
    expect((await bench.service.start(code)).orderId).toBe('1');
    bench.complete.add('1');
    const step = await bench.service.next(true);
    expect(step.orderId).toBe('3');
    expect(step.wave?.skipped).toEqual([
      {
        orderId: '2',
        number: 'M-2',
        reason: expect.stringMatching(/^Being packed at Station 3 by Ann since \d\d:\d\d — /),
      },
    ]);
    expect(bench.opened).toEqual(['1', '3']);
  });

  it('item first: the oldest order is another bench’s, so the item goes to the next one', async () => {
    const { a, b } = await benches();
    const mug = (id: string) =>
      cached(id, { order_lines: [{ id: `${id}0`, sku: 'MUG', quantity: 1 }] });
    const bench = await fakeStation([mug('1'), mug('2')], (id) => b.open(id));
    await a.open('1');
    expect(await bench.service.itemFirst('MUG')).toEqual({ kind: 'opened', orderId: '2' });
  });
});
