// The bridge's view of updates (updates.* methods) over the controller. Built before the core,
// so the handler table can hold it, and started once the core's settings and outbox exist.
// Browser mode uses `unmanagedUpdates`: the host is updated by whoever installed it.
import type { UpdateStatus } from '../../../preload/api/updates';
import type { Logger } from '../../log';
import { UpdateController, type UpdateControllerDeps, type UpdaterPort } from './controller';

export interface UpdatesService {
  status: () => UpdateStatus;
  checkNow: () => Promise<UpdateStatus>;
  reportActivity: (activity: { orderOpen: boolean }) => void;
}

export function unmanagedUpdates(version: string): UpdatesService {
  const status: UpdateStatus = { state: 'unmanaged', current: version };
  return {
    status: () => status,
    checkNow: async () => status,
    reportActivity: () => undefined,
  };
}

export interface StationUpdatesOptions {
  currentVersion: string;
  updater: UpdaterPort;
  /** The address built into the installer (electron-builder `publish`), if any. */
  buildFeedUrl?: string;
  timing?: Pick<UpdateControllerDeps, 'checkEveryMs' | 'quietMs' | 'setTimer' | 'clearTimer'>;
}

export interface StationUpdatesStart {
  /** Settings → Updates → update address ('' = use the build's, if any). */
  settingsUrl: () => string;
  uploadsWaiting: () => number;
  onStatus: (status: UpdateStatus) => void;
  log: Logger;
}

export class StationUpdates implements UpdatesService {
  private orderOpen = false;
  private controller: UpdateController | undefined;

  constructor(private readonly options: StationUpdatesOptions) {}

  start(deps: StationUpdatesStart): void {
    this.controller = new UpdateController({
      currentVersion: this.options.currentVersion,
      updater: this.options.updater,
      feedUrl: () => deps.settingsUrl() || this.options.buildFeedUrl || undefined,
      activity: () => ({ uploadsWaiting: deps.uploadsWaiting(), orderOpen: this.orderOpen }),
      log: deps.log,
      onStatus: deps.onStatus,
      ...this.options.timing,
    });
    this.controller.start();
  }

  /** Settings changed: the update address may be new. */
  settingsChanged(): void {
    this.controller?.start();
  }

  /** The outbox's counts changed. */
  outboxChanged(): void {
    this.controller?.activityChanged();
  }

  /** The page crashed and reloads: it reports its open order again once it is back. */
  pageReloaded(): void {
    this.reportActivity({ orderOpen: false });
  }

  status(): UpdateStatus {
    return this.controller?.status() ?? { state: 'off', current: this.options.currentVersion };
  }

  async checkNow(): Promise<UpdateStatus> {
    return this.controller ? this.controller.checkNow() : this.status();
  }

  reportActivity(activity: { orderOpen: boolean }): void {
    this.orderOpen = activity.orderOpen;
    this.controller?.activityChanged();
  }

  dispose(): void {
    this.controller?.dispose();
  }
}
