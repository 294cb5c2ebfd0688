import { shipByMark, shortDateTime } from '../store/order-list';

/** The ship-by time, with "Late" or "Due today" in words (the colour only repeats them). */
export function ShipBy({ shipByMs, now }: { shipByMs: number | undefined; now: Date }) {
  if (shipByMs === undefined) return <span className="muted">No ship-by date</span>;
  const mark = shipByMark(shipByMs, now);
  return (
    <span className={`ship-by ${mark ?? ''}`}>
      {mark === 'late' && <strong className="mark mark-late">Late</strong>}
      {mark === 'due-today' && <strong className="mark mark-today">Due today</strong>}{' '}
      <time dateTime={new Date(shipByMs).toISOString()}>{shortDateTime(shipByMs)}</time>
    </span>
  );
}
