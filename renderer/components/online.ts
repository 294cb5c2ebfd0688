// Is FeedAMP answering? Two parts of main find out: the sync and the outbox's uploader. Each
// reports only when it last tried, so either may hold a stale answer for minutes (the uploader
// with nothing due never tries again). The newest change of either one is the truth: a sync or
// an upload that gets through clears "Offline" at once, one that cannot reach FeedAMP sets it.
import { useRef } from 'react';
import { useOutboxStore } from '../store/outbox';
import { useSyncStore } from '../store/sync';

interface Said {
  sync?: boolean;
  uploads?: boolean;
  latest: boolean;
}

/** The newest answer given the previous one: a source that changed its mind wins. */
export function newestOnline(
  previous: Said,
  sync: boolean | undefined,
  uploads: boolean | undefined,
): Said {
  const syncChanged = sync !== undefined && sync !== previous.sync;
  const uploadsChanged = uploads !== undefined && uploads !== previous.uploads;
  let latest = previous.latest;
  if (syncChanged && uploadsChanged) latest = sync === true && uploads === true;
  else if (syncChanged) latest = sync;
  else if (uploadsChanged) latest = uploads;
  return { sync, uploads, latest };
}

export function useFeedampOnline(): boolean {
  const sync = useSyncStore((s) =>
    s.status && s.status.state !== 'signed-out'
      ? s.status.online && s.status.state !== 'offline'
      : undefined,
  );
  const uploads = useOutboxStore((s) => s.counts?.online);
  const said = useRef<Said>({ latest: true });
  said.current = newestOnline(said.current, sync, uploads);
  return said.current.latest;
}
