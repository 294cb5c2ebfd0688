// Child of orders.bench.ts: opens the order cache in a fresh process, as Packline does at start,
// and prints how long it took (milliseconds) — no garbage from the sync that filled it.
import { silentLogger } from '../../main/log';
import { OrderStore } from '../../main/station/orders/store';

const started = performance.now();
const store = await OrderStore.open(process.argv[2]!, silentLogger);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, orders: store.size }) + '\n');
await store.close();
