// Writes a 10k-order cache the way a full sync leaves it (pages appended, then one snapshot),
// without the 20 s of rate-limited paging: for the cache-load measurements and profiling.
// npx tsx test/bench/order-cache-fixture.ts <dir> [orders]
import { mkdirSync } from 'node:fs';
import type { Order } from '../../main/feedamp/schemas';
import { silentLogger } from '../../main/log';
import { generateDemoData } from '../../main/sandbox/demo-data';
import { orderJson } from '../../main/sandbox/present';
import { OrderStore } from '../../main/station/orders/store';

export async function writeOrderCache(dir: string, count = 10_000): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const data = generateDemoData({
    seed: 5,
    orders: count,
    now: Date.now(),
    clientId: '1001',
    users: [],
  });
  const orders = data.orders.map((o) => orderJson(o) as unknown as Order & { id: string });
  const store = await OrderStore.open(dir, silentLogger);
  for (let i = 0; i < orders.length; i += 250) {
    await store.upsert(orders.slice(i, i + 250).map((order) => ({ order })));
  }
  await store.setMeta({ account: 'bench', firstSyncComplete: true });
  await store.compact();
  await store.close();
  return orders.length;
}

if (process.argv[1]?.endsWith('order-cache-fixture.ts')) {
  const n = await writeOrderCache(process.argv[2]!, Number(process.argv[3] ?? 10_000));
  console.log(`wrote ${n} orders to ${process.argv[2]}`);
}
