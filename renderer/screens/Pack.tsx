// The Pack screen: scan an order, scan its items, scan the tracking label, ship — no mouse.
// Scans arrive from the wedge detector (App routes them to the pack store); every other action
// has a key, listed by "?".
import { useCallback, useEffect, useRef } from 'react';
import { CancelDialog } from '../components/pack/CancelDialog';
import { LinesTable } from '../components/pack/LinesTable';
import { PackagePanel } from '../components/pack/PackagePanel';
import { PackHeader } from '../components/pack/PackHeader';
import { FixDialog, RecordsList } from '../components/pack/Records';
import { ShortcutsDialog } from '../components/pack/ShortcutsDialog';
import { isQuantityKey } from '../scan/quantity';
import { useOrdersStore } from '../store/orders';
import { boxCompletesOrder, lineLabel, unitsInBox, usePackStore } from '../store/pack';
import { OrderRefund } from '../components/refunds/OrderRefund';

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

export function Pack() {
  const openId = useOrdersStore((s) => s.openId);
  const closeOrder = useOrdersStore((s) => s.close);
  const s = usePackStore();
  const heading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (openId) void usePackStore.getState().open(openId);
  }, [openId]);
  useEffect(() => {
    // Focus off any field, so a person's Enter ships and letters are shortcuts.
    document.getElementById('pack-title')?.focus();
  }, [s.order?.id]);

  const close = useCallback(() => {
    usePackStore.getState().close();
    closeOrder();
  }, [closeOrder]);
  usePackKeys(close);
  const select = useCallback((id: string) => usePackStore.getState().select(id), []);

  const back = (
    <button type="button" className="back" onClick={close}>
      ← Next order (N)
    </button>
  );
  if (!s.order || s.orderId !== openId) {
    return (
      <section className="pack" aria-label="Pack" ref={heading}>
        {back}
        {s.loadError ? (
          <p role="alert" className="message message-error">
            {s.loadError}
          </p>
        ) : (
          <p role="status">Opening order {openId}…</p>
        )}
      </section>
    );
  }

  const { order, progress, box } = s;
  // The marketplace fulfils this order: it is shown, and nothing on it can be written.
  const readOnly = progress?.readOnly === true;
  const inBox = unitsInBox(box);
  const completes = progress ? boxCompletesOrder(box, progress.lines) : false;
  const shipLabel = completes ? 'Ship (Enter)' : 'Ship part (Enter twice)';
  return (
    <section className="pack" aria-labelledby="pack-title" data-tone={s.message?.sound ?? ''}>
      <div className="pack-top">
        {back}
        <span className="pack-actions">
          {!readOnly && (
            <>
              <button type="button" onClick={() => s.setDialog('cancel')}>
                Cancel lines (C)
              </button>
              <button type="button" onClick={() => s.setDialog('fix')}>
                Fix a mistake (F)
              </button>
            </>
          )}
          <button type="button" onClick={() => void s.refresh()}>
            Refresh (R)
          </button>
          <button type="button" onClick={() => s.setDialog('help')}>
            Shortcuts (?)
          </button>
        </span>
      </div>
      <PackHeader order={order} />
      {progress?.blocked && (
        <p
          role="alert"
          className={`message ${readOnly ? 'message-warning' : 'message-error'} pack-blocked`}
        >
          {progress.blocked}
        </p>
      )}
      {progress?.complete && !progress.blocked && (
        <p className="message message-ok pack-complete" role="status" aria-label="Order status">
          Order complete — nothing left to pack. Scan the next order.
        </p>
      )}
      <div
        className={`pack-message message message-${s.message?.tone ?? 'info'}`}
        role="status"
        aria-live="assertive"
        aria-label="Last scan"
        data-sound={s.message?.sound ?? ''}
      >
        {s.message?.text ??
          (readOnly ? 'Scan the next order.' : 'Scan an item, or the tracking label.')}
        {s.quantity && (
          <strong className="quantity-entry" aria-label="Quantity being typed">
            {' '}
            Quantity for {lineLabel(order, s.selectedLineId ?? '')}: {s.quantity} — Enter to set
          </strong>
        )}
        {s.learnable && (
          <button type="button" onClick={() => void s.learnAlias()}>
            Learn {s.learnable} as {lineLabel(order, s.selectedLineId ?? '')} (L)
          </button>
        )}
      </div>
      <div className="pack-body">
        <div className="pack-main">
          <LinesTable
            order={order}
            progress={progress?.lines}
            box={box}
            selectedLineId={s.selectedLineId}
            onSelect={select}
          />
          {!readOnly && (
            <p className="box-summary" aria-label="Box">
              {inBox === 0
                ? 'The box is empty.'
                : `${inBox} unit${inBox === 1 ? '' : 's'} in this box${completes ? ' — everything left on the order' : ''}.`}{' '}
              {inBox > 0 && (
                <button type="button" onClick={s.emptyBox}>
                  Empty box (E)
                </button>
              )}
            </p>
          )}
          {progress && <RecordsList order={order} records={progress.records} />}
          {!readOnly && (
            <OrderRefund orderId={order.id} orderLabel={order.marketplaceOrderNumber ?? order.id} />
          )}
        </div>
        {!readOnly && <PackagePanel shipLabel={shipLabel} />}
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
