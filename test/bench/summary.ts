// The shape every results file shares (test/bench/results/*.json → `summary`), so `npm run bench`
// prints one table and `npm run bench:readme` writes the README's from the same rows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export interface SummaryRow {
  target: string;
  goal: string;
  measured: string;
  /** false when missed; null when the bench could not measure it (measured says why). */
  pass: boolean | null;
}

/** The machine a figure was measured on: absolute times move with it. */
function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
  };
}

export function writeResults(name: string, summary: SummaryRow[], detail: object): void {
  mkdirSync('test/bench/results', { recursive: true });
  writeFileSync(
    `test/bench/results/${name}.json`,
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        machine: machine(),
        summary,
        ...detail,
      },
      null,
      2,
    ) + '\n',
  );
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export const spread = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
