// The Stats screen's tables of counts: a screen reader reads each row by its name, and each
// number under the heading of its column.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatsTable } from '../../../renderer/components/stats/StatsTable';

type Station = { station: string; orders: number; units: number };

const table = (rows: Station[]) =>
  renderToStaticMarkup(
    createElement(StatsTable<Station>, {
      caption: 'Every station',
      rowHeader: { label: 'Station', value: (s) => s.station },
      columns: [
        { label: 'Orders', value: (s) => s.orders },
        { label: 'Units', value: (s) => s.units },
      ],
      rows,
      rowKey: (s) => s.station,
    }),
  );

describe('Stats table', () => {
  it('names the table, heads every column and gives each row its name and its numbers in column order', () => {
    expect(
      table([
        { station: 'Bench 7', orders: 2, units: 5 },
        { station: 'Bench 8', orders: 0, units: 0 },
      ]),
    ).toBe(
      '<table class="stats-table"><caption class="visually-hidden">Every station</caption>' +
        '<thead><tr><th scope="col">Station</th><th scope="col">Orders</th><th scope="col">Units</th></tr></thead>' +
        '<tbody>' +
        '<tr><th scope="row">Bench 7</th><td class="num">2</td><td class="num">5</td></tr>' +
        '<tr><th scope="row">Bench 8</th><td class="num">0</td><td class="num">0</td></tr>' +
        '</tbody></table>',
    );
  });
});
