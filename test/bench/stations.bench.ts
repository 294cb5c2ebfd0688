// npx tsx test/bench/stations.bench.ts [stations=10] [shiftMinutes=5] — many stations on one
// FeedAMP account, none told of the others: each learns from FeedAMP's 429s (stations-run.ts).
import { runStations } from './stations-run';

const stations = Number(process.argv[2] ?? '10');
await runStations({
  stations,
  shiftMinutes: Number(process.argv[3] ?? '5'),
  turns: false,
  name: stations === 10 ? 'stations' : `stations-${stations}`,
});
