// What every other piece of the core stands on: the log (also into the data folder), the event
// bus and its heartbeat, and the data folder's health for the header.
import { EventBus } from '../bridge/events';
import { startHeartbeat } from '../bridge/heartbeat';
import { combineLoggers, createLogger, type Logger } from '../log';
import type { DataLock } from '../station/data-lock';
import { tightenPermissions } from '../station/data-dir';
import { createFileSink, logsDir } from '../station/logs/file-sink';
import { StorageHealth } from '../station/storage/health';
import { surviveRefusedWrites } from '../station/storage/unawaited';

export interface Base {
  log: Logger;
  bus: EventBus;
  storage: StorageHealth;
  /** First thing at dispose: the page hears no more heartbeats. */
  stopHeartbeat: () => void;
  /** Last thing at dispose: the storage watch, then the log file. */
  close: () => void;
}

export function startBase(
  dataDir: string,
  lock: DataLock,
  options: { log: Logger; heartbeatMs?: number },
): Base {
  const privacy = tightenPermissions(dataDir);
  // Both modes: every line also goes to <data dir>/logs/packline.log, rotated, for support.
  const logFile = createFileSink({ dir: logsDir(dataDir) });
  const log = combineLoggers(options.log, createLogger(logFile.write));
  if (privacy.tightened + privacy.failed > 0)
    log.info('data folder: made files and folders private to this user', privacy);
  if (lock.tookOver) log.warn('data folder: took over a stale lock', { previous: lock.tookOver });
  const stopSurviving = surviveRefusedWrites(log);
  const bus = new EventBus();
  const stopHeartbeat = startHeartbeat(bus, options.heartbeatMs ?? 5_000);
  // Before any store opens, so damage found while opening one reaches the header.
  const storage = new StorageHealth(dataDir, log);
  storage.onChange((status) => bus.emit('app.storage', status));
  return {
    log,
    bus,
    storage,
    stopHeartbeat,
    close() {
      storage.dispose();
      stopSurviving();
      logFile.close();
    },
  };
}
