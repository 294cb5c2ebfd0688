// `npm run bench`: runs every benchmark in test/bench/*.bench.ts one after another; each writes
// its results to test/bench/results/<name>.json with `summary` rows. At the end: one table of
// every results file, each bench that failed with why, and the README's table rewritten
// (scripts/bench-readme.mjs). `npm run bench -- <part of a name>` runs only those benches.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { printSummary } from './bench-summary.mjs';
import { writeReadmeTable } from './bench-readme.mjs';

const only = process.argv[2];
const benches = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
if (benches.length === 0) console.log('No benchmarks found.');
const failed = [];
for (const file of benches) {
  console.log(`\n== ${file}`);
  // stderr is kept to say why a bench did not finish, and still shown as it comes.
  const r = spawnSync('npx', ['tsx', `test/bench/${file}`], {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.status !== 0) {
    const lines = (r.stderr ?? '').split('\n').filter((l) => l.trim());
    const why =
      lines.find((l) => /Error|error:|not /.test(l)) ??
      lines.at(-1) ??
      `exit ${r.status ?? r.signal}`;
    failed.push({ file, why: why.trim() });
  }
}
const rows = printSummary();
for (const f of failed) console.log(`\n${f.file} did not finish: ${f.why}`);
const missed = rows.filter((r) => r.pass === false);
if (missed.length) console.log(`\n${missed.length} goal(s) missed — see FAIL rows above.`);
await writeReadmeTable();
process.exit(failed.length ? 1 : 0);
