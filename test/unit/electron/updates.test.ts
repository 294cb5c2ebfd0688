// Self-update as a seller's IT person sees it: a new version downloads in the background and
// installs only when no upload waits and no order is open — never restarting a station with
// shipments still on it. The updater is a fake; time is driven by hand (no sleeps).
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../main/bridge/dispatch';
import { updatesHandlers } from '../../../main/bridge/handlers/updates';
import { buildFeedUrl, electronUpdaterPort, NO_BUILD_FEED } from '../../../main/electron/updater';
import { silentLogger } from '../../../main/log';
import type { UpdaterEvent, UpdaterPort } from '../../../main/station/updates/controller';
import { StationUpdates, unmanagedUpdates } from '../../../main/station/updates/station-updates';
import {
  describeUpdateStatus,
  updatesSettingsSchema,
  type UpdateStatus,
} from '../../../preload/api/updates';
import { settingsPatchSchema, settingsSchema } from '../../../preload/api/settings';
import type { Handlers } from '../../../main/bridge/dispatch';

class FakeUpdater implements UpdaterPort {
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  private listeners = new Set<(e: UpdaterEvent) => void>();
  setFeedUrl(url: string) {
    this.feeds.push(url);
  }
  async check() {
    this.checks += 1;
    return {};
  }
  install() {
    this.installs += 1;
  }
  onEvent(listener: (e: UpdaterEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: UpdaterEvent) {
    for (const l of this.listeners) l(event);
  }
}

/** Timers run when the test says so: `advance(ms)` fires what is due. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers.delete(id as number);
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && timers.has(id)) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

const DAY = 24 * 60 * 60 * 1000;
const QUIET = 120_000;

function station(options: { settingsUrl?: string; buildFeedUrl?: string } = {}) {
  const updater = new FakeUpdater();
  const clock = manualClock();
  const statuses: UpdateStatus[] = [];
  const station = { uploadsWaiting: 0, settingsUrl: options.settingsUrl ?? '' };
  const updates = new StationUpdates({
    currentVersion: '0.1.0',
    updater,
    buildFeedUrl: options.buildFeedUrl,
    timing: { setTimer: clock.setTimer, clearTimer: clock.clearTimer },
  });
  updates.start({
    settingsUrl: () => station.settingsUrl,
    uploadsWaiting: () => station.uploadsWaiting,
    onStatus: (s) => statuses.push(s),
    log: silentLogger,
  });
  const line = () => describeUpdateStatus(updates.status());
  return { updater, clock, statuses, station, updates, line };
}

describe('updates: when a downloaded version installs', () => {
  it('checks at start and then daily, downloading in the background', () => {
    const { updater, clock, line } = station({ settingsUrl: 'https://updates.example.com/pl/' });
    expect(updater.feeds).toEqual(['https://updates.example.com/pl/']);
    expect(updater.checks).toBe(1);
    updater.emit({ type: 'checking' });
    updater.emit({ type: 'not-available' });
    expect(line()).toBe('Up to date (0.1.0)');
    clock.advance(DAY - 1);
    expect(updater.checks).toBe(1);
    clock.advance(1);
    expect(updater.checks).toBe(2);
    clock.advance(DAY);
    expect(updater.checks).toBe(3);
    updater.emit({ type: 'available', version: '0.2.0' });
    updater.emit({ type: 'progress', percent: 41.7 });
    expect(line()).toBe(
      'Packline 0.2.0 is downloading (41 %) and installs when the upload queue is empty and no order is open.',
    );
  });

  it('does not install while uploads wait or an order is open; installs once both clear', () => {
    const {
      updater,
      clock,
      station: s,
      updates,
      line,
    } = station({
      settingsUrl: 'https://updates.example.com/pl/',
    });
    s.uploadsWaiting = 3;
    updates.reportActivity({ orderOpen: true });
    updater.emit({ type: 'available', version: '0.2.0' });
    updater.emit({ type: 'downloaded', version: '0.2.0' });
    expect(line()).toBe(
      'Packline 0.2.0 is downloaded and installs when the upload queue is empty and no order is open.',
    );
    expect(updates.status().waitingFor).toEqual(['uploads', 'order']);

    clock.advance(DAY); // a day later, still busy: nothing installs, and a check keeps 0.2.0
    expect(updater.installs).toBe(0);
    updater.emit({ type: 'not-available' });
    expect(updates.status()).toMatchObject({ state: 'ready', version: '0.2.0' });

    s.uploadsWaiting = 0; // the queue drains, but the packer is still on an order
    updates.outboxChanged();
    clock.advance(QUIET * 10);
    expect(updater.installs).toBe(0);
    expect(updates.status().waitingFor).toEqual(['order']);

    updates.reportActivity({ orderOpen: false }); // order shipped and closed
    expect(updates.status().waitingFor).toEqual([]);
    clock.advance(QUIET - 1);
    expect(updater.installs).toBe(0);
    clock.advance(1);
    expect(updater.installs).toBe(1);
    expect(line()).toBe('Packline 0.2.0 is installing; Packline restarts in a moment.');
  });

  it('a new upload or order during the quiet spell puts the install off again', () => {
    const {
      updater,
      clock,
      station: s,
      updates,
    } = station({
      settingsUrl: 'https://updates.example.com/pl/',
    });
    updater.emit({ type: 'downloaded', version: '0.2.0' });
    clock.advance(QUIET / 2);
    s.uploadsWaiting = 1; // the packer shipped one more
    updates.outboxChanged();
    clock.advance(QUIET);
    expect(updater.installs).toBe(0);
    updates.reportActivity({ orderOpen: true });
    s.uploadsWaiting = 0;
    updates.outboxChanged();
    clock.advance(QUIET * 2);
    expect(updater.installs).toBe(0);
    updates.reportActivity({ orderOpen: false });
    clock.advance(QUIET);
    expect(updater.installs).toBe(1);
  });

  it('a page crash forgets the open order it reported (the reloaded page reports again)', () => {
    const { updater, clock, updates } = station({ settingsUrl: 'https://u.example.com/' });
    updates.reportActivity({ orderOpen: true });
    updater.emit({ type: 'downloaded', version: '0.2.0' });
    clock.advance(QUIET);
    expect(updater.installs).toBe(0);
    updates.pageReloaded();
    clock.advance(QUIET);
    expect(updater.installs).toBe(1);
  });
});

describe('updates: where they come from', () => {
  it('is off with no address; the Settings address wins over the build one', () => {
    const off = station();
    expect(off.updater.checks).toBe(0);
    expect(off.line()).toBe('Packline 0.1.0. Automatic updates are off: no update address is set.');

    const built = station({ buildFeedUrl: 'https://built.example.com/' });
    expect(built.updater.feeds).toEqual(['https://built.example.com/']);

    built.station.settingsUrl = 'https://mine.example.com/';
    built.updates.settingsChanged();
    expect(built.updater.feeds.at(-1)).toBe('https://mine.example.com/');
    expect(built.updater.checks).toBe(2);
    // Any other setting changing does not cause another check.
    built.updates.settingsChanged();
    expect(built.updater.checks).toBe(2);
  });

  it('a server that cannot be reached reads as one sentence and is tried again the next day', () => {
    const { updater, clock, line } = station({ settingsUrl: 'https://down.example.com/' });
    updater.emit({ type: 'error', error: new Error('getaddrinfo ENOTFOUND down.example.com') });
    expect(line()).toBe(
      'Packline 0.1.0 could not reach its update server; it tries again tomorrow — check the update address in Settings if this stays.',
    );
    expect(line()).not.toContain('ENOTFOUND');
    clock.advance(DAY);
    expect(updater.checks).toBe(2);
  });

  it('reads the address built into an installation, ignoring the placeholder', () => {
    const yml = (url: string) => () => `owner: x\nprovider: generic\nurl: ${url}\n`;
    expect(buildFeedUrl('/res', yml('https://updates.example.com/packline'))).toBe(
      'https://updates.example.com/packline',
    );
    expect(buildFeedUrl('/res', yml(NO_BUILD_FEED))).toBeUndefined();
    expect(
      buildFeedUrl('/res', () => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
  });

  it('Settings accept an http(s) address or nothing; a bad stored value falls back to off', () => {
    expect(
      settingsPatchSchema.safeParse({ updates: { url: 'https://u.example.com/' } }).success,
    ).toBe(true);
    expect(settingsPatchSchema.safeParse({ updates: { url: '' } }).success).toBe(true);
    const bad = settingsPatchSchema.safeParse({ updates: { url: 'ftp://u.example.com/' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      'The update address starts with https:// (or http://)',
    );
    expect(settingsSchema.parse({}).updates).toEqual({ url: '' });
    expect(updatesSettingsSchema.parse({ url: 'javascript:alert(1)' })).toEqual({ url: '' });
  });
});

describe('updates: electron-updater and the bridge', () => {
  it('drives electron-updater: generic feed, background download, no install on quit', async () => {
    const listeners = new Map<string, (...args: never[]) => void>();
    const fake = {
      autoDownload: false,
      autoInstallOnAppQuit: true,
      forceDevUpdateConfig: false,
      updateConfigPath: null,
      logger: null,
      setFeedURL: vi.fn(),
      checkForUpdates: vi.fn(async () => ({ updateInfo: {} })),
      quitAndInstall: vi.fn(),
      on: vi.fn((event: string, l: (...args: never[]) => void) => listeners.set(event, l)),
      removeListener: vi.fn(),
    };
    const port = electronUpdaterPort(fake, { log: silentLogger, development: false });
    expect(fake).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false });
    port.setFeedUrl('https://u.example.com/');
    expect(fake.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://u.example.com/',
    });
    const seen: UpdaterEvent[] = [];
    port.onEvent((e) => seen.push(e));
    (listeners.get('update-downloaded') as (info: { version: string }) => void)({
      version: '0.2.0',
    });
    expect(seen).toEqual([{ type: 'downloaded', version: '0.2.0' }]);
    port.install();
    expect(fake.quitAndInstall).toHaveBeenCalledWith(true, true);
    fake.checkForUpdates.mockResolvedValueOnce(null as never);
    await expect(port.check()).rejects.toThrow(/not an installed build/);
  });

  it('answers over the bridge; browser mode says who updates it', async () => {
    const { updater, updates } = station({ settingsUrl: 'https://u.example.com/' });
    const handlers = updatesHandlers(updates) as unknown as Handlers;
    updater.emit({ type: 'not-available' });
    const reply = await dispatch(handlers, 'updates.status', {}, silentLogger);
    expect(reply).toMatchObject({ ok: true, result: { state: 'up-to-date', current: '0.1.0' } });
    const bad = await dispatch(
      handlers,
      'updates.reportActivity',
      { orderOpen: 'yes' },
      silentLogger,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const browser = unmanagedUpdates('0.1.0');
    expect(describeUpdateStatus(browser.status())).toBe(
      'Packline 0.1.0 runs in a browser here: updates are handled by whoever installed Packline on the computer that hosts it.',
    );
  });
});
