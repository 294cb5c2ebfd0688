// The order's lines as the packer reads them from a step away: what is ordered, done, queued,
// in this box and still left (the item codes are on hover and in the selected line's details).
// One line a row, so ten lines and the Ship button share a
// 1366×768 screen; a long name is cut and shown whole on hover and in the selected line's
// details. Rows are memoised so a scan re-renders one row, not two hundred.
import { memo } from 'react';
import type { OrderView } from '../../../preload/api/orders';
import type { LineProgressView } from '../../../preload/api/pack';

type Line = OrderView['lines'][number];

const Row = memo(function Row({
  line,
  progress,
  inBox,
  selected,
  onSelect,
}: {
  line: Line;
  progress: LineProgressView | undefined;
  inBox: number;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const left = Math.max(0, (progress?.left ?? 0) - inBox);
  const done = progress !== undefined && left === 0;
  const codes = line.codes.join(', ');
  return (
    <tr
      aria-selected={selected}
      className={`${selected ? 'selected' : ''} ${done ? 'done' : ''} ${inBox > 0 ? 'in-box' : ''}`}
      onClick={() => onSelect(line.id)}
      data-line-id={line.id}
    >
      <td className="mono sku" title={codes ? `${line.sku ?? '—'} · ${codes}` : line.sku}>
        {line.sku ?? '—'}
      </td>
      <td className="name" title={line.name}>
        {line.name ?? '—'}
      </td>
      <td className="num">{progress?.ordered ?? line.quantity}</td>
      <td className="num">{progress?.shipped ?? '…'}</td>
      <td className="num">{progress?.cancelled ?? '…'}</td>
      <td className="num">{progress?.queued ?? '…'}</td>
      <td className="num box-count" aria-label={`In this box: ${inBox}`}>
        {inBox}
      </td>
      <td className="num left-count">{progress ? left : '…'}</td>
    </tr>
  );
});

export function LinesTable({
  order,
  progress,
  box,
  selectedLineId,
  onSelect,
}: {
  order: OrderView;
  progress: readonly LineProgressView[] | undefined;
  box: Record<string, number>;
  selectedLineId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const byId = new Map(progress?.map((p) => [p.lineId, p]));
  return (
    <table className="lines pack-lines" aria-label="Lines">
      <colgroup>
        <col className="col-sku" />
        <col />
        <col span={6} className="col-num" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Ordered
          </th>
          <th scope="col" className="num">
            Shipped
          </th>
          <th scope="col" className="num">
            Cancelled
          </th>
          <th scope="col" className="num">
            Queued
          </th>
          <th scope="col" className="num">
            In box
          </th>
          <th scope="col" className="num">
            Left
          </th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <Row
            key={line.id}
            line={line}
            progress={byId.get(line.id)}
            inBox={box[line.id] ?? 0}
            selected={line.id === selectedLineId}
            onSelect={onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}
