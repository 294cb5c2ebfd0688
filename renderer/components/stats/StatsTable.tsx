import type { ReactNode } from 'react';

/** One column of a Stats table: its heading, and what each row shows in it. */
export interface StatsColumn<Row> {
  label: string;
  value: (row: Row) => ReactNode;
}

interface StatsTableProps<Row> {
  /**
   * The table's name, read by screen readers only: the card's heading already says it on
   * screen, and the tests find the table by it.
   */
  caption: string;
  /** The first column: each row's name, read as the heading of that row. */
  rowHeader: StatsColumn<Row>;
  /** The numbers, right-aligned. */
  columns: readonly StatsColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}

/** A card's table of counts: one named row per packer, station or reason, one column a number. */
export function StatsTable<Row>({
  caption,
  rowHeader,
  columns,
  rows,
  rowKey,
}: StatsTableProps<Row>) {
  return (
    <table className="stats-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader.label}</th>
          {columns.map((c) => (
            <th key={c.label} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">{rowHeader.value(row)}</th>
            {columns.map((c) => (
              <td key={c.label} className="num">
                {c.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
