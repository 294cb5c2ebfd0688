// Settings → FeedAMP, beside the station's turn: how this PC's clock compares with FeedAMP's.
// Turns are drawn from each station's clock, so a PC seconds off sends in another's turns;
// this is where a seller's IT sees it without reading a log.
import { useEffect, useState } from 'react';
import { describeClock, type ClockReadingView } from '../../../preload/api/session';
import { bridge } from '../../bridge/api';

/** FeedAMP's answers narrow the reading as they come; a look every few seconds follows them. */
const LOOK_EVERY_MS = 5_000;

export function ClockAgreement() {
  const [reading, setReading] = useState<ClockReadingView>();

  useEffect(() => {
    let live = true;
    const look = () =>
      bridge()
        .call('session.clock', {})
        .then((r) => live && setReading(r))
        .catch(() => undefined);
    void look();
    const timer = setInterval(() => void look(), LOOK_EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (!reading) return null;
  return (
    <p
      role="status"
      aria-label="This PC's clock"
      className={reading.kind === 'off' ? 'message message-error' : 'hint'}
    >
      {describeClock(reading)}
    </p>
  );
}
