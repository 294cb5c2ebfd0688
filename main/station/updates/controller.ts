// When a station updates itself. The updater (electron-updater in the desktop app, a fake in
// tests) finds and downloads new versions in the background; this module decides when one may
// install: only while nothing waits to upload and no order is open on the Pack screen, and
// only after both have stayed clear for a quiet spell, so a packer who just shipped and is
// reaching for the next order is not interrupted. Installing restarts Packline; everything the
// station knows is in its data folder and comes back.
import type { UpdateStatus } from '../../../preload/api/updates';
import type { Logger } from '../../log';

/** What the updater reports; the Electron glue translates electron-updater's events to these. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; error: unknown };

/** The slice of an updater this module drives. */
export interface UpdaterPort {
  /** Points the updater at a generic-provider server (where latest*.yml lives). */
  setFeedUrl: (url: string) => void;
  /** Asks the server; a new version downloads in the background on its own. */
  check: () => Promise<unknown>;
  /** Quits, installs the downloaded version and starts it. */
  install: () => void;
  onEvent: (listener: (event: UpdaterEvent) => void) => () => void;
}

interface StationActivity {
  /** Packages not yet on FeedAMP: waiting, being sent, or held for attention. */
  uploadsWaiting: number;
  orderOpen: boolean;
}

export interface UpdateControllerDeps {
  currentVersion: string;
  updater: UpdaterPort;
  /** The update address in use now: Settings first, then the build's; undefined = off. */
  feedUrl: () => string | undefined;
  activity: () => StationActivity;
  log: Logger;
  onStatus?: (status: UpdateStatus) => void;
  /** How often to look for a new version (default a day). */
  checkEveryMs?: number;
  /** How long uploads and the Pack screen must stay clear before installing (default 2 min). */
  quietMs?: number;
  now?: () => Date;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class UpdateController {
  private current: UpdateStatus;
  private feed: string | undefined;
  private dailyTimer: unknown;
  private quietTimer: unknown;
  private readonly offEvents: () => void;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.current = { state: 'off', current: deps.currentVersion };
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.offEvents = deps.updater.onEvent((event) => this.onUpdaterEvent(event));
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** At start, and whenever the update address may have changed (Settings). */
  start(): void {
    const url = this.deps.feedUrl();
    if (url === this.feed && this.dailyTimer !== undefined) return;
    this.feed = url;
    this.stopDaily();
    if (!url) {
      if (this.current.state !== 'ready' && this.current.state !== 'installing') {
        this.set({ state: 'off', current: this.deps.currentVersion });
      }
      return;
    }
    this.deps.updater.setFeedUrl(url);
    this.deps.log.info('updates: looking for new versions', { url });
    void this.checkNow();
    this.scheduleDaily();
  }

  /** Looks now (start, the daily timer, or "Check now"). A downloaded update is kept. */
  async checkNow(): Promise<UpdateStatus> {
    if (!this.feed) return this.current;
    if (this.current.state === 'ready' || this.current.state === 'installing') {
      return this.current;
    }
    try {
      await this.deps.updater.check();
    } catch (error) {
      this.onUpdaterEvent({ type: 'error', error });
    }
    return this.current;
  }

  /** The outbox's counts or the Pack screen changed: a waiting update may install now. */
  activityChanged(): void {
    if (this.current.state !== 'ready') return;
    const blockers = this.blockers();
    this.set({ ...this.current, waitingFor: blockers });
    if (blockers.length > 0) {
      this.cancelQuiet();
    } else if (this.quietTimer === undefined) {
      this.quietTimer = this.setTimer(() => {
        this.quietTimer = undefined;
        this.installIfClear();
      }, this.deps.quietMs ?? 120_000);
    }
  }

  dispose(): void {
    this.stopDaily();
    this.cancelQuiet();
    this.offEvents();
  }

  private blockers(): ('uploads' | 'order')[] {
    const activity = this.deps.activity();
    return [
      ...(activity.uploadsWaiting > 0 ? (['uploads'] as const) : []),
      ...(activity.orderOpen ? (['order'] as const) : []),
    ];
  }

  private installIfClear(): void {
    if (this.current.state !== 'ready') return;
    // Checked again at the moment of installing: the quiet timer only says it was clear.
    if (this.blockers().length > 0) return this.activityChanged();
    this.deps.log.info('updates: installing and restarting', { version: this.current.version });
    this.set({
      state: 'installing',
      current: this.deps.currentVersion,
      version: this.current.version,
    });
    try {
      this.deps.updater.install();
    } catch (error) {
      this.deps.log.error('updates: could not install', { error });
      this.set({
        state: 'error',
        current: this.deps.currentVersion,
        message:
          `Packline ${this.current.version ?? ''} could not be installed; ` +
          'the log has the details — install it by hand or ask IT.',
      });
    }
  }

  private onUpdaterEvent(event: UpdaterEvent): void {
    const base = { current: this.deps.currentVersion };
    // Once downloaded, only an install changes the state: later checks find the same version.
    if (this.current.state === 'ready' || this.current.state === 'installing') {
      if (event.type === 'error')
        this.deps.log.warn('updates: check failed', { error: event.error });
      return;
    }
    switch (event.type) {
      case 'checking':
        return this.set({ ...base, state: 'checking' });
      case 'not-available':
        return this.set({ ...base, state: 'up-to-date', checkedAt: this.now() });
      case 'available':
        this.deps.log.info('updates: downloading', { version: event.version });
        return this.set({
          ...base,
          state: 'downloading',
          version: event.version,
          checkedAt: this.now(),
        });
      case 'progress':
        return this.set({
          ...base,
          state: 'downloading',
          version: this.current.version,
          percent: Math.max(0, Math.min(100, event.percent)),
        });
      case 'downloaded':
        this.deps.log.info('updates: downloaded', { version: event.version });
        this.set({ ...base, state: 'ready', version: event.version, waitingFor: this.blockers() });
        return this.activityChanged();
      case 'error':
        this.deps.log.warn('updates: check or download failed', { error: event.error });
        return this.set({
          ...base,
          state: 'error',
          message:
            `Packline ${this.deps.currentVersion} could not reach its update server; ` +
            'it tries again tomorrow — check the update address in Settings if this stays.',
        });
    }
  }

  private scheduleDaily(): void {
    this.dailyTimer = this.setTimer(() => {
      this.dailyTimer = undefined;
      void this.checkNow();
      if (this.feed) this.scheduleDaily();
    }, this.deps.checkEveryMs ?? DAY_MS);
  }

  private stopDaily(): void {
    if (this.dailyTimer !== undefined) this.clearTimer(this.dailyTimer);
    this.dailyTimer = undefined;
  }

  private cancelQuiet(): void {
    if (this.quietTimer !== undefined) this.clearTimer(this.quietTimer);
    this.quietTimer = undefined;
  }

  private now(): string {
    return (this.deps.now ?? (() => new Date()))().toISOString();
  }

  private set(next: UpdateStatus): void {
    const clean = Object.fromEntries(
      Object.entries(next).filter(([, v]) => v !== undefined),
    ) as UpdateStatus;
    if (JSON.stringify(clean) === JSON.stringify(this.current)) return;
    this.current = clean;
    this.deps.onStatus?.(clean);
  }
}
