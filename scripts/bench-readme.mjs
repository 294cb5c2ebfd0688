// Writes the README's benchmark table, between its marker comments, from
// test/bench/results/*.json (their `summary` rows) with the machine each file was measured on.
// `node scripts/bench-readme.mjs`; `npm run bench` runs it at the end.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as prettier from 'prettier';
import { readSummary } from './bench-summary.mjs';

const START = '<!-- bench-table:start (written by scripts/bench-readme.mjs) -->';
const END = '<!-- bench-table:end -->';

const esc = (text) => String(text).replace(/\|/g, '\\|');
const machineText = (m) =>
  m ? `${m.cores} cores, ${m.cpu}, load ${m.loadAverage.join(' / ')}` : 'machine not recorded';

export function readmeTable(summary = readSummary()) {
  const lines = [
    '| target | goal | measured | pass | measured on |',
    '| ------ | ---- | -------- | ---- | ----------- |',
  ];
  for (const s of summary) {
    const when = s.when ? s.when.slice(0, 10) : '?';
    for (const r of s.rows) {
      const pass = r.pass === true ? 'yes' : r.pass === false ? '**no**' : 'not measured';
      lines.push(
        `| ${esc(r.target)} | ${esc(r.goal)} | ${esc(r.measured)} (\`${s.file}\`) | ${pass} | ${when}, ${esc(machineText(s.machine))} |`,
      );
    }
  }
  const here = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown'}`;
  return [
    START,
    '',
    `Load average is 1 / 5 / 15 minutes when the file was written; this table was written on ${here}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}.`,
    '',
    ...lines,
    '',
    END,
  ].join('\n');
}

export async function writeReadmeTable(path = 'README.md') {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) {
    console.log(`README has no benchmark markers (${START} … ${END}); table not written.`);
    return false;
  }
  // Formatted as `npm run lint` checks it (prettier aligns the table's columns).
  const next = text.slice(0, start) + readmeTable() + text.slice(end + END.length);
  const options = (await prettier.resolveConfig('README.md')) ?? {};
  writeFileSync(path, await prettier.format(next, { ...options, parser: 'markdown' }));
  console.log('README benchmark table written from test/bench/results/*.json.');
  return true;
}

if (process.argv[1]?.endsWith('bench-readme.mjs')) await writeReadmeTable(process.argv[2]);
