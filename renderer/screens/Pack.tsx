// The Pack screen: scan an order, scan its items, scan the tracking label, ship — no mouse.
// Scans arrive from the wedge detector (App routes them to the pack store); every other action
// has a key, listed by "?".
import { useCallback, useEffect, useMemo } from 'react';
import type { OrderView } from '../../preload/api/orders';
import type { PackState } from '../../preload/api/pack';
import { CancelDialog } from '../components/pack/CancelDialog';
import { LinesTable } from '../components/pack/LinesTable';
import { PackagePanel } from '../components/pack/PackagePanel';
import { PackHeader } from '../components/pack/PackHeader';
import { FixDialog, RecordsList } from '../components/pack/Records';
import { ShortcutsDialog } from '../components/pack/ShortcutsDialog';
import { isQuantityKey } from '../scan/quantity';
import { useOrdersStore } from '../store/orders';
import { stateLabel } from '../store/order-list';
import {
  boxCompletesOrder,
  lineLabel,
  unitsInBox,
  usePackStore,
  type PackMessage,
} from '../store/pack';
import { OrderRefund } from '../components/refunds/OrderRefund';
import { count, UNIT } from '../../common/format';

function isField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(target.tagName) ||
      target.closest('[data-pack-dialog]') !== null)
  );
}

/** Every Pack-screen shortcut, on the window, outside fields and dialogs. */
function usePackKeys(close: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = usePackStore.getState();
      if (s.dialog || isField(e.target)) return;
      const key = e.key;
      const handled = (() => {
        if (s.quantityArmed && isQuantityKey(key, s.quantity)) return (s.typeQuantity(key), true);
        // With the learn offer up, digits say how many units the code holds (a case).
        if (learnOffered(s) && (/^\d$/.test(key) || key === 'Backspace'))
          return (s.typeLearnUnits(key), true);
        if (key === 'Enter') {
          if (s.quantity) s.applyQuantity();
          else void s.shipKey();
          return true;
        }
        if (key === 'Escape') {
          if (s.quantity) s.clearQuantity();
          else close();
          return true;
        }
        if (s.candidates && /^[1-9]$/.test(key)) return (s.pickCandidate(Number(key) - 1), true);
        if (key === 'ArrowDown') return (s.moveSelection(1), true);
        if (key === 'ArrowUp') return (s.moveSelection(-1), true);
        if ((key === '+' || key === '=') && s.selectedLineId)
          return (s.addUnits(s.selectedLineId, 1), true);
        if ((key === '-' || key === '−') && s.selectedLineId && (s.box[s.selectedLineId] ?? 0) > 0)
          return (s.addUnits(s.selectedLineId, -1), true);
        if (key === '?') return (s.setDialog('help'), true);
        switch (key.toLowerCase()) {
          case 'e':
            return (s.emptyBox(), true);
          case 'l':
            if (!learnOffered(s)) return false;
            return (void s.learnAlias(), true);
          case 't':
            document.querySelector<HTMLInputElement>('.package-panel input.mono')?.focus();
            return true;
          case 'k':
            document.querySelector<HTMLInputElement>('.package-panel input[list]')?.focus();
            return true;
          case 'c':
            return (s.setDialog('cancel'), true);
          case 'f':
            return (s.setDialog('fix'), true);
          case 'r':
            return (void s.refresh(), true);
          case 'n':
            return (close(), true);
        }
        return false;
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
}

/**
 * The Learn offer belongs to the scan that found an unknown code: any later message (another
 * scan, a key) replaces that scan's sentence, and the offer goes with it.
 */
function learnOffered(s: { learnable?: string; message?: PackMessage }): boolean {
  return !!s.learnable && !!s.message?.text.includes(s.learnable);
}

/** The order's state as this station now knows it, ahead of FeedAMP's next sync. */
function stateText(order: OrderView, progress: PackState | undefined): string {
  if (!progress?.complete || progress.readOnly) return stateLabel(order.state);
  const sent = progress.lines.reduce((n, l) => n + l.shipped + l.queued, 0);
  const cancelled = progress.lines.reduce((n, l) => n + l.cancelled, 0);
  if (sent === 0 && cancelled > 0) return 'Cancelled';
  return 'Shipped';
}

/** The order's buttons beside its number; each has a key too. */
function PackActions({ readOnly }: { readOnly: boolean }) {
  const { setDialog, refresh } = usePackStore.getState();
  return (
    <>
      {!readOnly && (
        <>
          <button type="button" onClick={() => setDialog('cancel')}>
            Cancel lines (C)
          </button>
          <button type="button" onClick={() => setDialog('fix')}>
            Fix a mistake (F)
          </button>
        </>
      )}
      <button type="button" onClick={() => void refresh()}>
        Refresh (R)
      </button>
      <button type="button" onClick={() => setDialog('help')}>
        Shortcuts (?)
      </button>
    </>
  );
}

export function Pack() {
  const openId = useOrdersStore((s) => s.openId);
  const closeOrder = useOrdersStore((s) => s.close);
  const s = usePackStore();

  useEffect(() => {
    if (!openId) return;
    void usePackStore.getState().open(openId);
    // A carrier belongs to one order's packages; the next order starts from its own label.
    usePackStore.getState().setPackage({ carrier: '' });
  }, [openId]);
  useEffect(() => {
    // Focus off any field, so a person's Enter ships and letters are shortcuts.
    document.getElementById('pack-title')?.focus();
  }, [s.order?.id]);
  const complete = s.progress?.complete === true;
  useEffect(() => {
    // The last package is out: nothing of it stays in the panel for the next order.
    if (complete && usePackStore.getState().carrier)
      usePackStore.getState().setPackage({ carrier: '' });
  }, [complete]);

  const close = useCallback(() => {
    usePackStore.getState().close();
    closeOrder();
  }, [closeOrder]);
  usePackKeys(close);
  const select = useCallback((id: string) => usePackStore.getState().select(id), []);

  // The marketplace fulfils this order: it is shown, and nothing on it can be written.
  const readOnly = s.progress?.readOnly === true;
  // The header is memoised: its buttons are made once, not on every scan.
  const back = useMemo(
    () => (
      <button type="button" className="back" onClick={close}>
        ← Next order (N)
      </button>
    ),
    [close],
  );
  const actions = useMemo(() => <PackActions readOnly={readOnly} />, [readOnly]);
  if (!s.order || s.orderId !== openId) {
    return (
      <section className="pack" aria-label="Pack">
        <div className="pack-top">{back}</div>
        {s.loadError ? (
          <p role="alert" className="message message-error">
            {s.loadError}
          </p>
        ) : (
          <p role="status" className="message message-info">
            Opening the order…
          </p>
        )}
      </section>
    );
  }

  const { order, progress, box } = s;
  const inBox = unitsInBox(box);
  const completes = progress ? boxCompletesOrder(box, progress.lines) : false;
  const shipLabel = complete
    ? 'Shipped'
    : completes || inBox === 0
      ? 'Ship (Enter)'
      : 'Ship part (Enter twice)';
  const messageText =
    s.message?.text ??
    (readOnly
      ? 'Scan the next order.'
      : complete
        ? 'Nothing left to pack on this order — scan the next order.'
        : 'Scan an item, or the tracking label.');
  // Main's reason the order cannot be packed, said once: not again when the last scan said it.
  const blocked =
    progress?.blocked && !messageText.includes(progress.blocked) ? progress.blocked : undefined;
  const offerLearn = learnOffered(s);
  const selected = order.lines.find((l) => l.id === s.selectedLineId);
  return (
    <section className="pack" aria-labelledby="pack-title" data-tone={s.message?.sound ?? ''}>
      <PackHeader
        order={order}
        state={stateText(order, progress)}
        before={back}
        actions={actions}
      />
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
      <div className="pack-body">
        <div className="pack-main">
          <LinesTable
            key={order.id}
            order={order}
            progress={progress?.lines}
            box={box}
            selectedLineId={s.selectedLineId}
            onSelect={select}
          />
          <div className="pack-under">
            {!readOnly && (
              <p className="box-summary" aria-label="Box">
                {inBox === 0
                  ? 'The box is empty.'
                  : `${count(inBox, UNIT)} in this box${completes ? ' — everything left on the order' : ''}.`}{' '}
                {inBox > 0 && (
                  <button type="button" onClick={s.emptyBox}>
                    Empty box (E)
                  </button>
                )}
              </p>
            )}
            {selected && (
              <details className="line-details">
                <summary>
                  Selected line:{' '}
                  <span className="line-details-name">
                    {selected.name ?? selected.sku ?? selected.id}
                  </span>
                </summary>
                <dl className="facts">
                  <div>
                    <dt>Name</dt>
                    <dd>{selected.name ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>SKU</dt>
                    <dd className="mono">{selected.sku ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>Item codes</dt>
                    <dd className="mono">{selected.codes.join(', ') || '—'}</dd>
                  </div>
                  {selected.location && (
                    <div>
                      <dt>Bin</dt>
                      <dd>{selected.location}</dd>
                    </div>
                  )}
                  <div>
                    <dt>FeedAMP line id</dt>
                    <dd className="mono">{selected.id}</dd>
                  </div>
                </dl>
              </details>
            )}
          </div>
          {progress && <RecordsList order={order} records={progress.records} />}
          {!readOnly && (
            <OrderRefund orderId={order.id} orderLabel={order.marketplaceOrderNumber ?? order.id} />
          )}
        </div>
        {!readOnly && <PackagePanel shipLabel={shipLabel} done={complete} />}
      </div>
      {s.dialog === 'cancel' && progress && !readOnly && (
        <CancelDialog order={order} lines={progress.lines} onClose={() => s.setDialog(undefined)} />
      )}
      {s.dialog === 'fix' && progress && !readOnly && (
        <FixDialog
          order={order}
          records={progress.records}
          onClose={() => s.setDialog(undefined)}
        />
      )}
      {s.dialog === 'help' && <ShortcutsDialog onClose={() => s.setDialog(undefined)} />}
    </section>
  );
}
