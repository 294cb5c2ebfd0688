// Settings → FeedAMP, beside the station's turn: how this station shares its FeedAMP account.
// With turns, how this PC's clock compares with FeedAMP's (turns are drawn from each station's
// clock, so a PC seconds off sends in another's turns). Without, whether FeedAMP has asked this
// station to slow down — the sign that other stations share the account and turns would help.
import { useEffect, useState } from 'react';
import { describeClock, type AccountSharing as Sharing } from '../../../preload/api/session';
import { LIST_REQUESTS_PER_SECOND } from '../../../common/feedamp-enums';
import { bridge } from '../../bridge/api';
import { whenShort } from '../format';

/** FeedAMP's answers narrow the reading as they come; a look every few seconds follows them. */
const LOOK_EVERY_MS = 5_000;

export function AccountSharing({ turns }: { turns: boolean }) {
  const [sharing, setSharing] = useState<Sharing>();

  useEffect(() => {
    let live = true;
    const look = () =>
      bridge()
        .call('session.sharing', {})
        .then((s) => live && setSharing(s))
        .catch(() => undefined);
    void look();
    const timer = setInterval(() => void look(), LOOK_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (!sharing) return null;
  if (turns)
    return (
      <p
        role="status"
        aria-label="This PC's clock"
        className={sharing.clock.kind === 'off' ? 'message message-error' : 'hint'}
      >
        {describeClock(sharing.clock)}
      </p>
    );
  if (!sharing.listRateLimitedAt) return null;
  return (
    <p role="status" aria-label="Other stations on this account" className="hint">
      FeedAMP asked this station to slow down ({whenShort(sharing.listRateLimitedAt)}): the account
      had more list requests than its {LIST_REQUESTS_PER_SECOND} a second. If other stations sign in
      to this FeedAMP account, give each one its turn here, and they stop waiting on each other.
    </p>
  );
}
