// Child of orders.bench.ts: opens the order cache in a fresh process, as Packline does at start,
// and prints how long it took (milliseconds) — no garbage from the sync that filled it. The
// floor, in the same process and before it: reading and JSON-parsing the same files' bytes,
// the least any load of them can cost.
import { isAscii } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../main/log';
import { OrderStore } from '../../main/station/orders/store';

const dir = process.argv[2]!;

async function readAndParse(name: string): Promise<number> {
  const bytes = await readFile(join(dir, name)).catch(() => Buffer.alloc(0));
  const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  let items = 0;
  if (name.endsWith('.json')) items = text ? (JSON.parse(text) as unknown[]).length : 0;
  else
    for (const line of text.split('\n'))
      if (line) items += (JSON.parse(line.slice(9)) as unknown[]).length;
  return items;
}

const floorStart = performance.now();
await readAndParse('orders.snapshot.json');
await readAndParse('orders.journal');
const floorMs = performance.now() - floorStart;

const started = performance.now();
const store = await OrderStore.open(dir, silentLogger);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, floorMs, orders: store.size }) + '\n');
await store.close();
