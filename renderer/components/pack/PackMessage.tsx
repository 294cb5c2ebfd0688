// What the last scan or key did, in one sentence over the lines, with the offer to learn an
// unknown code, and main's reason the order cannot be packed. It listens to the pack store
// itself: a scan re-renders this sentence and the lines, not the whole Pack screen.
import { useShallow } from 'zustand/react/shallow';
import type { OrderView } from '../../../preload/api/orders';
import { lineLabel, usePackStore, type PackMessage as Message } from '../../store/pack';

/**
 * The Learn offer belongs to the scan that found an unknown code: any later message (another
 * scan, a key) replaces that scan's sentence, and the offer goes with it.
 */
export function learnOffered(s: { learnable?: string; message?: Message }): boolean {
  return !!s.learnable && !!s.message?.text.includes(s.learnable);
}

export function PackMessage({
  order,
  readOnly,
  complete,
  blockedBy,
}: {
  order: OrderView;
  readOnly: boolean;
  complete: boolean;
  /** Main's reason the order cannot be packed, if any. */
  blockedBy: string | undefined;
}) {
  const s = usePackStore(
    useShallow((p) => ({
      message: p.message,
      quantity: p.quantity,
      selectedLineId: p.selectedLineId,
      learnable: p.learnable,
      learnUnits: p.learnUnits,
      setLearnUnits: p.setLearnUnits,
      learnAlias: p.learnAlias,
    })),
  );
  const messageText =
    s.message?.text ??
    (readOnly
      ? 'Scan the next order.'
      : complete
        ? 'Nothing left to pack on this order — scan the next order.'
        : 'Scan an item, or the tracking label.');
  // Said once: not again when the last scan said it.
  const blocked = blockedBy && !messageText.includes(blockedBy) ? blockedBy : undefined;
  const offerLearn = learnOffered(s);
  return (
    <>
      {blocked && (
        <p
          role="alert"
          className={`message ${readOnly ? 'message-warning' : 'message-error'} pack-blocked`}
        >
          {blocked}
        </p>
      )}
      <div className="pack-message-slot">
        <div
          className={`pack-message message message-${s.message?.tone ?? (complete ? 'ok' : 'info')}${offerLearn ? ' has-offer' : ''}`}
          role="status"
          aria-live="assertive"
          aria-label="Last scan"
          data-sound={s.message?.sound ?? ''}
        >
          <span className="pack-message-text">{messageText}</span>
          {s.quantity && (
            <strong className="quantity-entry" aria-label="Quantity being typed">
              {' '}
              Quantity for {lineLabel(order, s.selectedLineId ?? '')}: {s.quantity} — Enter to set
            </strong>
          )}
        </div>
        {offerLearn && (
          // Over the message, not under it: the table below never moves for the offer.
          <div className="learn-offer">
            <label>
              Units in this code{' '}
              <input
                type="text"
                inputMode="numeric"
                size={4}
                value={s.learnUnits}
                onChange={(e) => s.setLearnUnits(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void s.learnAlias();
                  }
                }}
              />
            </label>
            <button type="button" onClick={() => void s.learnAlias()}>
              Learn as {s.learnUnits !== '1' ? 'a case of ' : ''}
              {lineLabel(order, s.selectedLineId ?? '')} (L)
            </button>
          </div>
        )}
      </div>
    </>
  );
}
