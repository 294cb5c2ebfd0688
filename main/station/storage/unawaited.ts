// A write started in the background (`void store.put(...)`) that the disk refuses rejects with
// nobody waiting for it, and Node ends the process on an unhandled rejection: with a full disk
// that turned one refused write into a crash. Refused writes are already reported (the header
// shows the disk state, the log has the detail), so an unawaited StorageError is logged and the
// station keeps running. Any other unhandled rejection still ends the process, as before.
import type { Logger } from '../../log';
import { StorageError } from './errors';

const logs = new Set<Logger>();
let installed = false;

function onRejection(reason: unknown): void {
  if (!(reason instanceof StorageError)) throw reason;
  for (const log of logs) {
    log.warn('storage: a background write was refused', { code: reason.code, path: reason.path });
  }
}

/** Keeps the process alive through unawaited refused writes while the returned stop is not called. */
export function surviveRefusedWrites(log: Logger): () => void {
  logs.add(log);
  if (!installed) {
    installed = true;
    process.on('unhandledRejection', onRejection);
  }
  return () => {
    logs.delete(log);
    if (logs.size === 0 && installed) {
      installed = false;
      process.off('unhandledRejection', onRejection);
    }
  };
}
