// npx tsx test/bench/stations-turns.bench.ts [stations=10] [shiftMinutes=5] — many stations on
// one FeedAMP account, each given its turn in Settings (station k of N), so each sends only in
// its own slots of the account's 2 list requests a second (stations-run.ts).
import { runStations } from './stations-run';

const stations = Number(process.argv[2] ?? '10');
await runStations({
  stations,
  shiftMinutes: Number(process.argv[3] ?? '5'),
  turns: true,
  name: stations === 10 ? 'stations-turns' : `stations-turns-${stations}`,
});
