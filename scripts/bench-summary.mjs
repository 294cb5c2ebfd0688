// The benchmark summary: one table from test/bench/results/*.json. Each results file carries
// `summary: [{ target, goal, measured, pass }]`; files written before that shape existed are
// read through `legacyRows` until their bench runs again.
import { readdirSync, readFileSync } from 'node:fs';

const DIR = 'test/bench/results';

/** Rows for results files without `summary` (an older bench run). */
function legacyRows(name, r) {
  const rows = [];
  const row = (target, goal, measured, pass) => rows.push({ target, goal, measured, pass });
  if (name === 'sandbox')
    row(
      'sandbox, simple requests on loopback',
      '≥ 2,000/s',
      `${r.simpleRequestsPerSecond}/s`,
      r.simpleRequestsPerSecond >= 2000,
    );
  if (name === 'client') {
    row(
      'client overhead vs bare undici',
      `≤ ${r.overhead.goal}×`,
      `${r.overhead.ratio}×`,
      r.overhead.ratio <= r.overhead.goal,
    );
    row(
      'paging 10k orders at limit 250 under 2 req/s',
      '≤ 1.05 × floor, 0 × 429',
      `${r.paging.ratio}×, ${r.paging.responses429} × 429`,
      r.paging.ratio <= 1.05 && r.paging.responses429 === 0,
    );
  }
  if (name === 'outbox') {
    row(
      'durable outbox append',
      'median ≤ 10 ms',
      `median ${r.durableAppend.medianMs} ms, p95 ${r.durableAppend.p95Ms} ms`,
      r.durableAppend.medianMs <= 10,
    );
    row(
      'drain 1,000 packages at 100 ms latency',
      '≥ 3 × sequential, budget kept',
      `${r.drain.speedup}× (${r.drain.parallel.seconds} s vs ${r.drain.sequential.seconds} s)`,
      r.drain.speedup >= 3,
    );
    if (r.crash)
      row(
        'outbox crash test',
        'none lost or doubled',
        `${r.crash.kills} SIGKILLs: ${r.crash.passed ? 'passed' : 'failed'} in ${r.crash.seconds} s`,
        !!r.crash.passed,
      );
  }
  if (name === 'pack-keys')
    row(
      'inputs per shipped order (e2e)',
      'N + 2 scans, ≤ 1 key, 0 mouse',
      `${r.scans} scans for ${r.units} units, ${r.keys} key, ${r.mouse} mouse`,
      !!r.pass,
    );
  if (name === 'printing') {
    const p = r.results?.pickList;
    if (p)
      row(
        'pick list, 500 orders to PDF',
        `≤ ${r.goalMs} ms`,
        `median ${p.medianMs} ms`,
        p.medianMs <= r.goalMs,
      );
  }
  if (rows.length === 0) row(name, '?', 'results file has no summary rows', null);
  return rows;
}

export function readSummary() {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out = [];
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    let r;
    try {
      r = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8'));
    } catch (error) {
      out.push({
        file,
        rows: [{ target: name, goal: '?', measured: `unreadable: ${error.message}`, pass: null }],
      });
      continue;
    }
    const rows = Array.isArray(r.summary) ? r.summary : legacyRows(name, r);
    out.push({ file, when: r.measuredAt ?? r.when, machine: r.machine, rows });
  }
  return out;
}

const mark = (pass) => (pass === true ? 'pass' : pass === false ? 'FAIL' : 'n/a');

export function printSummary(summary = readSummary()) {
  const rows = summary.flatMap((s) => s.rows.map((row) => ({ ...row, file: s.file })));
  const width = (key, max) =>
    Math.min(max, Math.max(key.length, ...rows.map((r) => String(r[key]).length)));
  const cols = [
    ['target', 48],
    ['goal', 28],
    ['measured', 70],
    ['file', 16],
  ];
  const w = cols.map(([k, m]) => width(k, m));
  const cell = (text, i) => String(text).slice(0, w[i]).padEnd(w[i]);
  console.log(`\n${['pass', ...cols.map(([k], i) => cell(k, i))].join(' | ')}`);
  for (const r of rows)
    console.log([mark(r.pass).padEnd(4), ...cols.map(([k], i) => cell(r[k], i))].join(' | '));
  return rows;
}

if (process.argv[1]?.endsWith('bench-summary.mjs')) printSummary();
