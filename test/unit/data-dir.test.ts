import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../main/station/data-dir';

describe('data directory', () => {
  it('matches the folder Electron uses on each system', () => {
    expect(defaultDataDir('linux', {}, '/home/p')).toBe('/home/p/.config/Packline');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/p')).toBe('/x/Packline');
    expect(defaultDataDir('darwin', {}, '/Users/p')).toBe(
      '/Users/p/Library/Application Support/Packline',
    );
  });

  it('prefers --data-dir, then PACKLINE_DATA_DIR', () => {
    expect(resolveDataDir('/flag', { PACKLINE_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { PACKLINE_DATA_DIR: '/env' })).toBe('/env');
  });
});
