// Child of orders.bench.ts: starts Packline's core on a data folder holding a large order cache,
// as at start, and prints how long until the bridge answers (the window is usable) and until
// every order is loaded and indexed.
import { dispatch } from '../../main/bridge/dispatch';
import { createCore } from '../../main/core';
import { silentLogger } from '../../main/log';

const dataDir = process.argv[2]!;
const started = performance.now();
const core = await createCore({
  info: { version: '0.0.0', mode: 'browser', dataDir },
  log: silentLogger,
  heartbeatMs: 60_000,
});
const loaded = new Promise<number>((resolve) =>
  core.bus.subscribe((event) => {
    if (event === 'orders.changed') resolve(performance.now() - started);
  }),
);
const first = await dispatch(core.handlers, 'orders.list', {}, silentLogger);
const answerMs = performance.now() - started;
const loading = first.ok ? (first.result as { loading?: { orders?: number } }).loading : undefined;
const loadedMs = await loaded;
await core.dispose();
process.stdout.write(JSON.stringify({ answerMs, loadedMs, saidLoading: loading?.orders }) + '\n');
