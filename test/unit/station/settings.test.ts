import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsPatchSchema } from '../../../preload/api/settings';
import { silentLogger } from '../../../main/log';
import { SettingsService } from '../../../main/station/settings';

describe('settings', () => {
  it('start with defaults and survive a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const settings = new SettingsService(dir, silentLogger);
    expect(settings.get().sync.normalizedStates).toEqual(['AWAITING_SHIPMENT']);
    settings.update({ stationName: 'Bench 4', sync: { intervalSeconds: 120 } });
    const again = new SettingsService(dir, silentLogger);
    expect(again.get().stationName).toBe('Bench 4');
    expect(again.get().sync.intervalSeconds).toBe(120);
    expect(again.get().sync.normalizedStates).toEqual(['AWAITING_SHIPMENT']);
  });

  it('change one printing option without resetting the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const settings = new SettingsService(dir, silentLogger);
    settings.update({ printing: { pageSize: '4x6', silent: true } });
    settings.update({ printing: { printer: 'Zebra ZD420' } });
    expect(settings.get().printing).toMatchObject({
      pageSize: '4x6',
      silent: true,
      printer: 'Zebra ZD420',
    });
  });

  it('replace one invalid stored value by its default and keep the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ stationName: 'Bench 9', sync: { intervalSeconds: -5 } }),
    );
    const settings = new SettingsService(dir, silentLogger);
    expect(settings.get().stationName).toBe('Bench 9');
    expect(settings.get().sync.intervalSeconds).toBe(60);
  });

  it('refuse a bad change with a sentence naming the problem', () => {
    const result = settingsPatchSchema.safeParse({ sync: { normalizedStates: [] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Choose at least one order state');
    expect(
      settingsPatchSchema.safeParse({ sync: { normalizedStates: ['SHIPPING'] } }).success,
    ).toBe(false);
  });
});

describe("a station's turn on a shared FeedAMP account", () => {
  const open = (stored?: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    if (stored !== undefined) writeFileSync(join(dir, 'settings.json'), JSON.stringify(stored));
    return new SettingsService(dir, silentLogger);
  };

  it('is station 1 of 1 by default (alone, as before)', () => {
    expect(open().get()).toMatchObject({ stationsOnAccount: 1, stationNumber: 1 });
  });

  it('keeps 2 of 3 across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    new SettingsService(dir, silentLogger).update({ stationsOnAccount: 3, stationNumber: 2 });
    expect(new SettingsService(dir, silentLogger).get()).toMatchObject({
      stationsOnAccount: 3,
      stationNumber: 2,
    });
  });

  it('puts invalid stored values back to their defaults and keeps the rest', () => {
    for (const [stored, expected] of [
      [
        { stationsOnAccount: 0, stationNumber: 1 },
        { stationsOnAccount: 1, stationNumber: 1 },
      ],
      [
        { stationsOnAccount: 51, stationNumber: 2 },
        { stationsOnAccount: 1, stationNumber: 1 },
      ],
      [
        { stationsOnAccount: 3, stationNumber: 2.5 },
        { stationsOnAccount: 3, stationNumber: 1 },
      ],
      [
        { stationsOnAccount: '3', stationNumber: 2 },
        { stationsOnAccount: 1, stationNumber: 1 },
      ],
      // A number above the count: the number alone falls back.
      [
        { stationsOnAccount: 3, stationNumber: 4 },
        { stationsOnAccount: 3, stationNumber: 1 },
      ],
    ] as const) {
      const settings = open({ stationName: 'Bench 2', uploadsPerSecond: 7, ...stored }).get();
      expect(settings).toMatchObject({ ...expected, stationName: 'Bench 2', uploadsPerSecond: 7 });
    }
  });

  it('refuses a number above the count, naming the range, at the number field', () => {
    const result = settingsPatchSchema.safeParse({ stationsOnAccount: 3, stationNumber: 4 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['stationNumber'],
        message: "This station's number must be from 1 to 3 — the stations on this account.",
      }),
    ]);
    expect(
      settingsPatchSchema.safeParse({ stationsOnAccount: 1, stationNumber: 2 }).error?.issues[0]
        ?.message,
    ).toBe("This station's number must be 1 — it is the only station on this account.");
    expect(settingsPatchSchema.safeParse({ stationsOnAccount: 3, stationNumber: 3 }).success).toBe(
      true,
    );
    expect(settingsPatchSchema.safeParse({ stationsOnAccount: 51 }).error?.issues[0]?.message).toBe(
      'At most 50 stations on one account',
    );
    expect(settingsPatchSchema.safeParse({ stationNumber: 0 }).error?.issues[0]?.message).toBe(
      "This station's number is at least 1",
    );
  });

  it('refuses a change of one of the two that leaves the number above the count, saving nothing', () => {
    const settings = open();
    settings.update({ stationsOnAccount: 3, stationNumber: 3 });
    expect(() => settings.update({ stationsOnAccount: 2, packerName: 'Ana' })).toThrow(
      "This station's number must be from 1 to 2 — the stations on this account.",
    );
    expect(() => settings.update({ stationNumber: 4 })).toThrow(
      "This station's number must be from 1 to 3 — the stations on this account.",
    );
    expect(settings.get()).toMatchObject({
      stationsOnAccount: 3,
      stationNumber: 3,
      packerName: '',
    });
    settings.update({ stationsOnAccount: 4 });
    settings.update({ stationNumber: 4 });
    expect(settings.get()).toMatchObject({ stationsOnAccount: 4, stationNumber: 4 });
  });
});
