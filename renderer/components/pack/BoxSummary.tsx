// Under the lines: what is in the box (and Empty box), and the selected line's details. Both
// change with each scan, so they listen to the pack store themselves.
import { useShallow } from 'zustand/react/shallow';
import type { OrderView } from '../../../preload/api/orders';
import type { LineProgressView } from '../../../preload/api/pack';
import { boxCompletesOrder, unitsInBox, usePackStore } from '../../store/pack';
import { count, UNIT } from '../../../common/format';

export function BoxSummary({
  order,
  lines,
  readOnly,
}: {
  order: OrderView;
  lines: readonly LineProgressView[] | undefined;
  readOnly: boolean;
}) {
  const { box, selectedLineId, emptyBox } = usePackStore(
    useShallow((p) => ({ box: p.box, selectedLineId: p.selectedLineId, emptyBox: p.emptyBox })),
  );
  const inBox = unitsInBox(box);
  const completes = lines ? boxCompletesOrder(box, lines) : false;
  const selected = order.lines.find((l) => l.id === selectedLineId);
  return (
    <div className="pack-under">
      {!readOnly && (
        <p className="box-summary" aria-label="Box">
          {inBox === 0
            ? 'The box is empty.'
            : `${count(inBox, UNIT)} in this box${completes ? ' — everything left on the order' : ''}.`}{' '}
          {inBox > 0 && (
            <button type="button" onClick={emptyBox}>
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
  );
}
