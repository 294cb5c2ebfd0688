// CI check: the Electron pinned in package.json must be one of the three majors Electron still
// supports (it fixes security bugs only in the latest three). The newest major comes from the
// npm registry when it answers (`npm view electron dist-tags`); offline it is worked out from
// the release dates below and Electron's cadence of a new major every 8 weeks.
//
//   node scripts/check-electron-support.mjs            exit 1 when the pinned major is unsupported
//   node scripts/check-electron-support.mjs --offline  use the schedule only
//   … --pinned 41.7.1 --date 2027-01-01                check another version / day (for tests)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Stable releases (x.0.0) as published on the npm registry (`npm view electron time`), read on
 * 2026-12-02. Add a line when a new major ships; the schedule only projects past the last one.
 */
export const KNOWN_RELEASES = [
  { major: 40, date: '2026-01-16' },
  { major: 41, date: '2026-03-11' },
  { major: 42, date: '2026-05-06' },
  { major: 43, date: '2026-07-01' },
  { major: 44, date: '2026-08-25' },
  { major: 45, date: '2026-10-21' },
];
export const CADENCE_DAYS = 56; // one major every 8 weeks
export const SUPPORTED_MAJORS = 3;
const DAY_MS = 86_400_000;

/** The newest stable major on `now`, from the known dates and the 8-week cadence after them. */
export function latestMajorOnDate(now, releases = KNOWN_RELEASES) {
  const known = releases.filter((r) => Date.parse(r.date) <= now.getTime());
  const last = releases.at(-1);
  if (!last) throw new Error('no Electron release dates known');
  if (known.length < releases.length) return (known.at(-1) ?? releases[0]).major;
  const since = now.getTime() - Date.parse(last.date);
  return last.major + Math.floor(since / (CADENCE_DAYS * DAY_MS));
}

/** When the pinned major drops out: the day major + SUPPORTED_MAJORS ships (known or projected). */
export function endOfSupport(major, releases = KNOWN_RELEASES) {
  const successor = major + SUPPORTED_MAJORS;
  const known = releases.find((r) => r.major === successor);
  if (known) return new Date(Date.parse(known.date));
  const last = releases.at(-1);
  return new Date(Date.parse(last.date) + (successor - last.major) * CADENCE_DAYS * DAY_MS);
}

/** @returns {{ ok: boolean, message: string }} */
export function checkSupport({ pinned, latestMajor, source }) {
  const match = /^(\d+)\./.exec(pinned);
  if (!match) return { ok: false, message: `Electron is pinned as "${pinned}", not a version.` };
  const major = Number(match[1]);
  const oldest = latestMajor - SUPPORTED_MAJORS + 1;
  if (major < oldest) {
    return {
      ok: false,
      message:
        `Electron ${pinned} is out of support: Electron supports ${oldest}–${latestMajor} ` +
        `(newest ${latestMajor}, from ${source}). Move to ${latestMajor}.x ` +
        `(npm install -D electron@${latestMajor} --save-exact) and adapt to its electron.d.ts.`,
    };
  }
  return {
    ok: true,
    message: `Electron ${pinned} is supported (${oldest}–${latestMajor}, from ${source}).`,
  };
}

/** The newest stable major the registry names, or undefined when it cannot be asked. */
export function latestMajorFromRegistry(run = execFileSync) {
  try {
    const out = run('npm', ['view', 'electron', 'dist-tags', '--json'], {
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const latest = JSON.parse(out)?.latest;
    const match = typeof latest === 'string' ? /^(\d+)\.\d+\.\d+$/.exec(latest) : null;
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function argument(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

function main() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const pinned =
    argument('--pinned') ?? pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '';
  const date = argument('--date');
  const now = date ? new Date(`${date}T12:00:00Z`) : new Date();
  const fromRegistry = process.argv.includes('--offline') ? undefined : latestMajorFromRegistry();
  const result =
    fromRegistry !== undefined
      ? checkSupport({ pinned, latestMajor: fromRegistry, source: 'the npm registry' })
      : checkSupport({
          pinned,
          latestMajor: latestMajorOnDate(now),
          source: `the release schedule on ${now.toISOString().slice(0, 10)}`,
        });
  const major = Number(/^(\d+)/.exec(pinned)?.[1]);
  if (result.ok && Number.isFinite(major)) {
    const end = endOfSupport(major).toISOString().slice(0, 10);
    console.log(`${result.message} It drops out when Electron ${major + 3} ships (~${end}).`);
  } else {
    console[result.ok ? 'log' : 'error'](result.message);
  }
  process.exit(result.ok ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
