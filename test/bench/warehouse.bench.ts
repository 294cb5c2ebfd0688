// Warehouse mode (stations sharing a PostgreSQL database), measured on a throwaway cluster:
// - 20 stations, one account, first sync of 2,000 orders: FeedAMP paged through once, no 429,
//   every station has every order (warehouse/first-sync.ts);
// - 3 stations shipping each of 20 orders at the same moment, FeedAMP's quantity check off:
//   0 over-shipped lines, 0 lost packages (warehouse/race.ts);
// - the syncing station's process SIGKILLed mid-sync: another takes over within 10 s, no stored
//   page fetched again (warehouse/failover.ts);
// - the database stopped mid-shift and started again: every station keeps packing, then rejoins,
//   nothing lost (warehouse/db-restart.ts).
// Needs PostgreSQL (Debian's postgresql package); without it the bench says so and writes nothing.
// Run: npx tsx test/bench/warehouse.bench.ts [part] — with a part's name (firstSync, race,
// leaderKilled, databaseRestart) only that part runs, and nothing is written.
import { postgresSkipReason, startPostgres } from '../support/postgres';
import { writeResults, type SummaryRow } from './summary';
import { databaseRestart } from './warehouse/db-restart';
import { leaderKilled } from './warehouse/failover';
import { firstSync } from './warehouse/first-sync';
import { sameMomentRace } from './warehouse/race';

const only = process.argv[2];
if (postgresSkipReason()) process.exit(0);
const server = await startPostgres();
const rows: SummaryRow[] = [];
const detail: Record<string, object> = {};
try {
  for (const [name, part] of Object.entries({
    firstSync,
    race: sameMomentRace,
    leaderKilled,
    databaseRestart,
  })) {
    if (only && name !== only) continue;
    console.log(`-- ${name}`);
    const started = performance.now();
    const result = await part(server);
    rows.push(...result.rows);
    detail[name] = {
      ...result.detail,
      benchSeconds: +((performance.now() - started) / 1000).toFixed(1),
    };
    console.log(JSON.stringify(result, null, 2));
  }
} finally {
  server.destroy();
}
if (!only) {
  writeResults('warehouse', rows, detail);
  console.log('wrote test/bench/results/warehouse.json');
}
if (!rows.every((r) => r.pass)) process.exitCode = 1;
process.exit();
