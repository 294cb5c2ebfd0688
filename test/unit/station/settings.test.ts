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
