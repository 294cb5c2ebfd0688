// The Pack screen: scan an order, scan its items, scan the tracking label, ship — no mouse.
// Scans arrive from the wedge detector (App routes them to the pack store); every other action
// has a key, listed by "?".
import { useCallback, useEffect, useMemo } from 'react';
import type { OrderView } from '../../preload/api/orders';
import type { LineProgressView, PackState } from '../../preload/api/pack';
import { useShallow } from 'zustand/react/shallow';
import { BoxSummary } from '../components/pack/BoxSummary';
import { learnOffered, PackMessage } from '../components/pack/PackMessage';
import { CancelDialog } from '../components/pack/CancelDialog';
import { LinesTable } from '../components/pack/LinesTable';
import { PackagePanel } from '../components/pack/PackagePanel';
import { PackHeader } from '../components/pack/PackHeader';
import { FixDialog, RecordsList } from '../components/pack/Records';
import { ShortcutsDialog } from '../components/pack/ShortcutsDialog';
import { isQuantityKey } from '../scan/quantity';
import { useOrdersStore } from '../store/orders';
import { stateLabel } from '../store/order-list';
import { boxCompletesOrder, unitsInBox, usePackStore } from '../store/pack';
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

/** The lines with this box's counts: renders again with each scan, the screen around it does not. */
function PackLines({
  order,
  lines,
  onSelect,
}: {
  order: OrderView;
  lines: readonly LineProgressView[] | undefined;
  onSelect: (id: string) => void;
}) {
  const { box, selectedLineId } = usePackStore(
    useShallow((p) => ({ box: p.box, selectedLineId: p.selectedLineId })),
  );
  return (
    <LinesTable
      key={order.id}
      order={order}
      progress={lines}
      box={box}
      selectedLineId={selectedLineId}
      onSelect={onSelect}
    />
  );
}

/** The package panel, with Ship's label for what is in the box. */
function ShipPanel({
  lines,
  done,
}: {
  lines: readonly LineProgressView[] | undefined;
  done: boolean;
}) {
  const shipLabel = usePackStore((p) => {
    if (done) return 'Shipped';
    const completes = lines ? boxCompletesOrder(p.box, lines) : false;
    return completes || unitsInBox(p.box) === 0 ? 'Ship (Enter)' : 'Ship part (Enter twice)';
  });
  return <PackagePanel shipLabel={shipLabel} done={done} />;
}

export function Pack() {
  const openId = useOrdersStore((s) => s.openId);
  const closeOrder = useOrdersStore((s) => s.close);
  // Only what the screen itself shows: the box, the selection and the last scan's sentence
  // re-render their own parts (PackLines, BoxSummary, PackMessage, ShipPanel).
  const s = usePackStore(
    useShallow((p) => ({
      order: p.order,
      orderId: p.orderId,
      loadError: p.loadError,
      progress: p.progress,
      dialog: p.dialog,
      setDialog: p.setDialog,
    })),
  );

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

  const { order, progress } = s;
  return (
    <section className="pack" aria-labelledby="pack-title">
      <PackHeader
        order={order}
        state={stateText(order, progress)}
        before={back}
        actions={actions}
      />
      <PackMessage
        order={order}
        readOnly={readOnly}
        complete={complete}
        blockedBy={progress?.blocked}
      />
      <div className="pack-body">
        <div className="pack-main">
          <PackLines order={order} lines={progress?.lines} onSelect={select} />
          <BoxSummary order={order} lines={progress?.lines} readOnly={readOnly} />
          {progress && <RecordsList order={order} records={progress.records} />}
          {!readOnly && (
            <OrderRefund orderId={order.id} orderLabel={order.marketplaceOrderNumber ?? order.id} />
          )}
        </div>
        {!readOnly && <ShipPanel lines={progress?.lines} done={complete} />}
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
