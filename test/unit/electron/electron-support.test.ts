// The CI check that the pinned Electron is still one of the three supported majors: it must
// fail on an old major, whether the newest major comes from the registry or from the schedule.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkSupport,
  endOfSupport,
  latestMajorFromRegistry,
  latestMajorOnDate,
} from '../../../scripts/check-electron-support.mjs';

const script = 'scripts/check-electron-support.mjs';
const pinned = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.electron!;

describe('the supported-Electron check', () => {
  it('fails on a major older than the newest three, and says what to move to', () => {
    const old = checkSupport({ pinned: '41.7.1', latestMajor: 45, source: 'the npm registry' });
    expect(old.ok).toBe(false);
    expect(old.message).toContain('Electron 41.7.1 is out of support');
    expect(old.message).toContain('electron@45');
    expect(checkSupport({ pinned: '43.0.0', latestMajor: 45, source: 'x' }).ok).toBe(true);
    expect(checkSupport({ pinned: '45.5.0', latestMajor: 45, source: 'x' }).ok).toBe(true);
    expect(checkSupport({ pinned: '^45', latestMajor: 45, source: 'x' }).ok).toBe(false);
  });

  it('works out the newest major offline from the release dates and the 8-week cadence', () => {
    expect(latestMajorOnDate(new Date('2026-10-20T12:00:00Z'))).toBe(44);
    expect(latestMajorOnDate(new Date('2026-10-21T12:00:00Z'))).toBe(45);
    expect(latestMajorOnDate(new Date('2026-12-02T12:00:00Z'))).toBe(45);
    // Past the last known date: one major per 56 days.
    expect(latestMajorOnDate(new Date('2026-12-16T12:00:00Z'))).toBe(46);
    expect(latestMajorOnDate(new Date('2027-04-08T12:00:00Z'))).toBe(48);
    expect(endOfSupport(45).toISOString().slice(0, 10)).toBe('2027-04-07');
    expect(endOfSupport(41).toISOString().slice(0, 10)).toBe('2026-08-25');
  });

  it('prefers the registry, and falls back when it does not answer', () => {
    const answer = (text: string) => () => text;
    expect(latestMajorFromRegistry(answer('{"latest":"46.0.1","beta":"47.0.0-beta.3"}'))).toBe(46);
    expect(latestMajorFromRegistry(answer('not json'))).toBeUndefined();
    expect(
      latestMajorFromRegistry(() => {
        throw new Error('ENOTFOUND registry.npmjs.org');
      }),
    ).toBeUndefined();
  });

  it('as CI runs it: exit 1 on an old major, 0 on the pinned one (schedule, offline)', () => {
    const old = spawnSync(
      process.execPath,
      [script, '--offline', '--pinned', '41.7.1', '--date', '2026-12-02'],
      {
        encoding: 'utf8',
      },
    );
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('out of support');

    const current = spawnSync(
      process.execPath,
      [script, '--offline', '--pinned', pinned, '--date', '2026-12-02'],
      { encoding: 'utf8' },
    );
    expect(current.status, current.stderr).toBe(0);
    expect(current.stdout).toContain(`Electron ${pinned} is supported`);
  });
});
