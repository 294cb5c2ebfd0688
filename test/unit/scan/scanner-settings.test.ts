import { describe, expect, it } from 'vitest';
import { settingsPatchSchema, settingsSchema } from '../../../preload/api/settings';
import { terminatorsFor } from '../../../renderer/scan/wedge-options';
import { toneGain } from '../../../renderer/sound/tones';

describe('Settings → Scanner', () => {
  it('loads a settings file written before the suffix key and sounds existed, with defaults', () => {
    const old = settingsSchema.parse({ scanner: { maxGapMs: 50, minLength: 6, prefix: '~' } });
    expect(old.scanner).toEqual({
      maxGapMs: 50,
      minLength: 6,
      prefix: '~',
      suffix: '',
      endKey: 'Enter or Tab',
      soundsOn: true,
      volume: 70,
    });
  });

  it('replaces only a bad stored value by its default', () => {
    const read = settingsSchema.parse({ scanner: { endKey: 'Space', volume: 400, maxGapMs: 60 } });
    expect(read.scanner).toMatchObject({ endKey: 'Enter or Tab', volume: 70, maxGapMs: 60 });
  });

  it('refuses a volume outside 0–100 when saving, in words', () => {
    const r = settingsPatchSchema.safeParse({ scanner: { volume: 120 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Volume is 0 to 100');
  });

  it.each([
    ['Enter or Tab', ['Enter', 'Tab']],
    ['Enter', ['Enter']],
    ['Tab', ['Tab']],
  ] as const)('ends scans on %s', (endKey, keys) => {
    expect(terminatorsFor(endKey)).toEqual(keys);
  });

  it('plays tones at the chosen volume, and not at all with sounds off', () => {
    expect(toneGain({ soundsOn: true, volume: 70 })).toBeCloseTo(0.18);
    expect(toneGain({ soundsOn: true, volume: 35 })).toBeCloseTo(0.09);
    expect(toneGain({ soundsOn: false, volume: 100 })).toBe(0);
  });
});
