// Child process for the unawaited-write test: a background write refused by the disk, nobody
// awaiting it. Prints "alive" if the process outlives it.
import { silentLogger } from '../../../main/log';
import { StorageError } from '../../../main/station/storage/errors';
import { surviveRefusedWrites } from '../../../main/station/storage/unawaited';

surviveRefusedWrites(silentLogger);
const kind = process.argv[2];
void Promise.reject(
  kind === 'storage'
    ? new StorageError(
        'disk_full',
        'The disk is full — nothing was queued.',
        '/data/outbox.journal',
      )
    : new Error('a bug'),
);
setTimeout(() => process.stdout.write('alive\n'), 50);
