// Packing stations of one account for the warehouse tests: each with its own data folder,
// outbox and pack service on one sandbox, and (unless asked otherwise) in warehouse mode on one
// fresh database. Station i is "Station i" packed by "Packer i".
import type { Order } from '../../../main/feedamp/schemas';
import { silentLogger } from '../../../main/log';
import { PackService } from '../../../main/station/packing/pack-service';
import { SettingsService } from '../../../main/station/settings';
import type { WarehouseService } from '../../../main/station/warehouse/service';
import type { TestPostgres } from '../../support/postgres';
import { createDatabase, startStation } from '../../support/warehouse';
import { startHarness, type Harness } from '../outbox/harness';

export interface PackStation {
  name: string;
  h: Harness;
  pack: PackService;
  /** Undefined for a station started without warehouse mode. */
  warehouse: WarehouseService | undefined;
}

export async function startPackStations(
  server: TestPostgres,
  options: {
    count: number;
    account: string;
    seed: number;
    warehouse?: boolean;
    /** Orders in the sandbox (80 unless told). */
    orders?: number;
    /** How often a station working alone tries the database again (the tests' 200 ms unless told). */
    retryMs?: number;
  },
): Promise<PackStation[]> {
  const database = options.warehouse === false ? '' : await createDatabase(server);
  const first = await startHarness({
    sandbox: { orders: options.orders ?? 80, seed: options.seed },
  });
  const stations: PackStation[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = `Station ${i + 1}`;
    const h = i === 0 ? first : await startHarness({ existingSandbox: first.sandbox });
    const warehouse = database
      ? await startStation(server, database, {
          name,
          packer: `Packer ${i + 1}`,
          account: options.account,
          retryMs: options.retryMs,
        })
      : undefined;
    warehouse?.followOutbox(h.store);
    const pack = new PackService({
      orders: h.orders,
      outbox: h.outbox,
      entries: h.store,
      settings: new SettingsService(h.dir, silentLogger),
      client: () => h.client,
      dataDir: h.dir,
      log: silentLogger,
      claims: warehouse,
    });
    stations.push({ name, h, pack, warehouse });
  }
  return stations;
}

/** Stops them, the sandbox's own harness (the first) last. */
export async function stopPackStations(stations: PackStation[]): Promise<void> {
  for (const s of stations.splice(0).reverse()) {
    await s.warehouse?.stop();
    s.pack.dispose();
    await s.pack.flush();
    await s.h.close();
  }
}

/** The sentence a refused call was refused with; fails when it was not refused. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

/** `count` orders nobody has shipped or cancelled anything of, each with a SKU on its first line. */
export async function untouchedOrders(
  h: Harness,
  count: number,
): Promise<(Order & { id: string })[]> {
  const chosen: (Order & { id: string })[] = [];
  for (const o of h.waitingOrders()) {
    if (o.is_marketplace_fulfilled || !o.order_lines?.[0]?.sku) continue;
    const [f, c] = await Promise.all([
      h.client.listFulfillments(o.id),
      h.client.listCancellations(o.id),
    ]);
    if (f.length === 0 && c.length === 0) chosen.push(o);
    if (chosen.length === count) return chosen;
  }
  throw new Error(`fewer than ${count} untouched orders in the sandbox`);
}
