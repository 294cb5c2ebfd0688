// electron-builder.yml checked without building: electron-builder's own loader and schema,
// then the settings a seller's security depends on. app-builder-lib and builder-util come with
// electron-builder (a devDependency); they are what `npm run dist` itself runs.
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_BUILD_FEED } from '../../../main/electron/updater';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let config: Configuration;

/** The file patterns, however getConfig normalised them (strings or `{ filter }` sets). */
function filePatterns(): string[] {
  const files = [config.files ?? []].flat();
  return files.flatMap((f) =>
    typeof f === 'string' ? [f] : f && typeof f === 'object' ? [f.filter ?? []].flat() : [],
  );
}

beforeAll(async () => {
  config = await getConfig(root, null, null);
}, 30_000);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nonsense: true } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'nonsense'/);
  });

  it('builds AppImage and deb, NSIS and dmg under the app id and product name', () => {
    expect(config.appId).toBe('com.packline.station');
    expect(config.productName).toBe('Packline');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    for (const name of [
      config.artifactName,
      config.nsis?.artifactName,
      config.dmg?.artifactName,
      config.deb?.artifactName,
    ]) {
      expect(name).toContain('${version}');
    }
  });

  it('packs only the built output', () => {
    const files = filePatterns();
    expect(files.filter((f) => !f.startsWith('!') && !f.startsWith('assets/icons/'))).toEqual([
      'dist/main/**/*',
      'dist/preload/**/*',
      'dist/renderer/**/*',
      'package.json',
    ]);
    expect(files).toContain('!**/*.map');
    expect(config.asar).toBe(true);
  });

  it('sets the hardening fuses; --inspect is off in releases', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('writes update files for a generic server, with no real address built in by default', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: NO_BUILD_FEED });
  });

  it("each target's own options pass the schema, which reaches every one of them", async () => {
    const validate = (c: object) => validateConfiguration(c, new DebugLogger(false));
    // Each system with its targets' sections alone: linux AppImage + deb, win nsis, mac dmg + zip.
    const systems = {
      linux: { linux: config.linux, deb: config.deb, appImage: config.appImage },
      win: { win: config.win, nsis: config.nsis },
      mac: { mac: config.mac, dmg: config.dmg },
    };
    for (const [name, sections] of Object.entries(systems)) {
      await expect(validate({ ...config, ...sections }), name).resolves.toBeUndefined();
    }
    // A wrong option in any one target section is refused, so none is skipped.
    for (const section of ['linux', 'deb', 'win', 'nsis', 'mac', 'dmg'] as const) {
      const broken = { ...config, [section]: { ...(config[section] as object), nonsense: 1 } };
      await expect(validate(broken), section).rejects.toThrow(/Invalid configuration/);
    }
  });

  it('has the icons in every size each system asks for', () => {
    const icons = (p: string) => `${root}/${p}`;
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(icons(`assets/icons/${size}x${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
    }
    expect(config.win?.icon).toBe('assets/icons/icon.ico');
    expect(config.mac?.icon).toBe('assets/icons/icon.icns');
    const ico = readFileSync(icons('assets/icons/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico.readUInt16LE(4)).toBe(7); // 16…256
    expect(readFileSync(icons('assets/icons/icon.icns')).subarray(0, 4).toString()).toBe('icns');
    for (const f of filePatterns().filter((f) => f.startsWith('assets/'))) {
      expect(existsSync(icons(f)), f).toBe(true);
    }
  });
});
