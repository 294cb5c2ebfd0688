// The order's lines as the packer reads them from a step away: what is ordered, done, queued,
// in this box and still left (the item codes are on hover and in the selected line's details).
// One line a row, so ten lines and the Ship button share a 1366×768 screen; a long name is cut
// and shown whole on hover and in the selected line's details.
//
// The table scrolls on its own, under the order header and above the box, and renders only the
// rows in view (a virtualizer). Profiled with a 200-line order on a CPU throttled 4×, the scan
// itself was cheap; the frame that showed it spent its time in style, layout and paint of all
// 1,600 cells, whichever one had changed. A scanned or arrowed-to line is scrolled into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { OrderView } from '../../../preload/api/orders';
import type { LineProgressView } from '../../../preload/api/pack';

type Line = OrderView['lines'][number];

/** One line's row at the default font size, until the rendered rows are measured. */
const ROW_HEIGHT = 38;
/**
 * Rows rendered beyond the visible ones, so a scroll never shows a blank while the rows it
 * brings in are rendered after its frame (see useFlushSync below): a scan that scrolls moves
 * half a view. Not more: every rendered row is laid out again when any cell changes.
 */
const OVERSCAN = 6;
const COLUMNS = 8;

const Row = memo(function Row({
  line,
  index,
  progress,
  inBox,
  selected,
  onSelect,
}: {
  line: Line;
  index: number;
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
      data-index={index}
      aria-rowindex={index + 2}
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

/** Stands in for the rows above or below the rendered ones, so the scrollbar stays true. */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="lines-spacer" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const byId = useMemo(() => new Map(progress?.map((p) => [p.lineId, p])), [progress]);
  const lines = order.lines;
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => setHeadHeight(headRef.current?.offsetHeight ?? 0), []);
  // Every row is one line of the same fonts, so all are as high as the rendered ones are on
  // average, measured once: measuring each row as it mounts made the virtualizer re-render and
  // correct the scroll in the frames after a scan that brought new rows in.
  const [rowHeight, setRowHeight] = useState<number>();
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight ?? ROW_HEIGHT,
    getItemKey: (index) => lines[index]?.id ?? index,
    overscan: OVERSCAN,
    // The rows start under the header (which stays on top of them while they scroll).
    scrollMargin: headHeight,
    // A scroll renders the rows it brings into view after the frame, not inside the scroll
    // event: traced at 4×, that render (~48 ms) held back the frame showing the scan that
    // scrolled, about one scan in six on a long order.
    useFlushSync: false,
  });

  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const selectedIndex = useMemo(
    () => lines.findIndex((l) => l.id === selectedLineId),
    [lines, selectedLineId],
  );
  useLayoutEffect(() => {
    if (selectedIndex < 0) return;
    // Most scans land on a line already in view: then nothing scrolls and the layout is not
    // read. (Profiled at 4×, scrollToIndex on every scan was the largest single cost: it reads
    // the scroll height, forcing a layout, and again in each frame until the scroll settles.)
    const row = virtualizer.measurementsCache[selectedIndex];
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const list = scrollRef.current;
    if (!row || !list || height === 0) return;
    if (row.start >= top + headHeight && row.end <= top + height) return;
    // Out of view: set the scroll position straight from the rows' known offsets, centred, so
    // the next lines down are in view too. (scrollToIndex would also correct itself over the
    // next frames, reading the layout again in each.)
    const visible = height - headHeight;
    const centred = row.start - headHeight - (visible - row.size) / 2;
    const bottom = virtualizer.getTotalSize() + headHeight - height;
    list.scrollTop = Math.max(0, Math.min(bottom, centred));
  }, [selectedIndex, virtualizer, headHeight]);

  const rows = virtualizer.getVirtualItems();
  useLayoutEffect(() => {
    if (rowHeight !== undefined || rows.length < 2) return;
    const rendered = scrollRef.current?.querySelectorAll('tbody tr[data-index]');
    if (!rendered || rendered.length < 2) return;
    const top = rendered[0]!.getBoundingClientRect().top;
    const bottom = rendered[rendered.length - 1]!.getBoundingClientRect().bottom;
    setRowHeight((bottom - top) / rendered.length);
  }, [rowHeight, rows.length]);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const above = first ? first.start - headHeight : 0;
  const below = last ? virtualizer.getTotalSize() - (last.end - headHeight) : 0;
  // The scroll area is laid out and painted on its own (CSS containment), so a scan's new count
  // does not lay out the whole screen again; its height, which containment no longer takes from
  // the rows, is the rows' known height.
  const contentHeight = virtualizer.getTotalSize() + headHeight;
  return (
    <div
      className="lines-scroll"
      ref={scrollRef}
      style={{ containIntrinsicHeight: headHeight ? contentHeight : undefined }}
    >
      <table className="lines pack-lines" aria-label="Lines" aria-rowcount={lines.length + 1}>
        <colgroup>
          <col className="col-sku" />
          <col />
          <col span={COLUMNS - 2} className="col-num" />
        </colgroup>
        <thead ref={headRef}>
          <tr aria-rowindex={1}>
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
          <Spacer height={above} />
          {rows.map(({ index }) => {
            const line = lines[index]!;
            return (
              <Row
                key={line.id}
                line={line}
                index={index}
                progress={byId.get(line.id)}
                inBox={box[line.id] ?? 0}
                selected={line.id === selectedLineId}
                onSelect={onSelect}
              />
            );
          })}
          <Spacer height={below} />
        </tbody>
      </table>
    </div>
  );
}
