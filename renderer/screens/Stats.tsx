// The day's numbers from this station's packing log: what shipped today and this week, orders
// per hour, how long an order takes from opening to shipping, mis-scans and cancellations, per
// packer when names are set — and the day's log as a CSV file for the lead.
import { useEffect } from 'react';
import type { StatsSummary } from '../../preload/api/stats';
import type { CancellationReason } from '../../common/feedamp-enums';
import { CANCELLATION_REASON_LABELS } from '../components/labels';
import {
  chartHours,
  duration,
  hourRange,
  ordersWord,
  perHundred,
} from '../components/stats-format';
import { useStatsStore } from '../store/stats';
import './stats.css';
import { Outcome } from '../components/Outcome';
import { StatsTable, type StatsColumn } from '../components/stats/StatsTable';

function reasonLabel(reason: string): string {
  return CANCELLATION_REASON_LABELS[reason as CancellationReason] ?? reason.replace(/_/g, ' ');
}

function Shipped({ summary }: { summary: StatsSummary }) {
  const rows = [
    { name: 'Today', ...summary.today },
    { name: 'This week', ...summary.week },
  ];
  return (
    <table className="stats-table stats-shipped">
      <caption>Shipped</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Orders</th>
          <th scope="col">Packages</th>
          <th scope="col">Units</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td className="num">{r.orders}</td>
            <td className="num">{r.packages}</td>
            <td className="num">{r.units}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One bar per hour; each bar is a list item named in words, so a screen reader reads the chart. */
function OrdersPerHour({ summary }: { summary: StatsSummary }) {
  const hours = chartHours(summary.ordersByHour, summary.hourNow);
  const most = Math.max(1, ...summary.ordersByHour);
  return (
    <section className="card stats-card stats-chart-card" aria-labelledby="stats-hourly">
      <h3 id="stats-hourly">Orders per hour today</h3>
      <ol className="stats-chart" aria-labelledby="stats-hourly">
        {hours.map((hour) => {
          const orders = summary.ordersByHour[hour] ?? 0;
          return (
            <li key={hour} aria-label={`${hourRange(hour)}: ${ordersWord(orders)}`}>
              <span className="stats-bar-count" aria-hidden="true">
                {orders}
              </span>
              <span
                className="stats-bar"
                aria-hidden="true"
                style={{ height: `${(100 * orders) / most}%` }}
              />
              <span className="stats-bar-hour" aria-hidden="true">
                {String(hour).padStart(2, '0')}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function MisScans({ summary }: { summary: StatsSummary }) {
  const s = summary.scans;
  return (
    <section className="card stats-card" aria-labelledby="stats-misscans">
      <h3 id="stats-misscans">Mis-scans today</h3>
      <p className="stats-big">
        <strong>{perHundred(s.misScans, s.scans)}</strong> per 100 scans
      </p>
      <p className="muted">
        {s.misScans} of {s.scans} scans
      </p>
      <table className="stats-table">
        <caption className="visually-hidden">Mis-scans by kind</caption>
        <tbody>
          <tr>
            <th scope="row">Wrong item (not on the order)</th>
            <td className="num">{s.wrongItem}</td>
          </tr>
          <tr>
            <th scope="row">Over-scan (more than left)</th>
            <td className="num">{s.overScan}</td>
          </tr>
          <tr>
            <th scope="row">Not understood</th>
            <td className="num">{s.notUnderstood}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Cancellations({ summary }: { summary: StatsSummary }) {
  return (
    <section className="card stats-card" aria-labelledby="stats-cancellations">
      <h3 id="stats-cancellations">Cancellations today</h3>
      {summary.cancellations.length === 0 ? (
        <p className="muted">No cancellations today.</p>
      ) : (
        <StatsTable
          caption="Cancellations by reason"
          rowHeader={{ label: 'Reason', value: (c) => reasonLabel(c.reason) }}
          columns={[
            { label: 'Cancellations', value: (c) => c.count },
            { label: 'Units', value: (c) => c.units },
          ]}
          rows={summary.cancellations}
          rowKey={(c) => c.reason}
        />
      )}
    </section>
  );
}

type Period = StatsSummary['today'];

/** What shipped, as the per-packer and per-station tables both count it. */
const SHIPPED_COLUMNS: readonly StatsColumn<Period>[] = [
  { label: 'Orders', value: (r) => r.orders },
  { label: 'Packages', value: (r) => r.packages },
  { label: 'Units', value: (r) => r.units },
];

type PackerDay = StatsSummary['packers'][number];

const PACKER_COLUMNS: readonly StatsColumn<PackerDay>[] = [
  ...SHIPPED_COLUMNS,
  {
    label: 'Average open to ship',
    value: (p) => (p.averageOpenToShipMs === undefined ? '–' : duration(p.averageOpenToShipMs)),
  },
  { label: 'Mis-scans per 100 scans', value: (p) => perHundred(p.misScans, p.scans) },
];

function Packers({ summary }: { summary: StatsSummary }) {
  if (summary.packers.length === 0) return null;
  return (
    <section className="card stats-card stats-wide" aria-labelledby="stats-packers">
      <h3 id="stats-packers">Per packer today</h3>
      <StatsTable
        caption="Per packer"
        rowHeader={{ label: 'Packer', value: (p) => p.packer }}
        columns={PACKER_COLUMNS}
        rows={summary.packers}
        rowKey={(p) => p.packer}
      />
    </section>
  );
}

/** Warehouse mode: every station's shipments today, read from the shared database. */
function EveryStation({ summary }: { summary: StatsSummary }) {
  if (!summary.stations) return null;
  return (
    <section className="card stats-card stats-wide" aria-labelledby="stats-stations">
      <h3 id="stats-stations">Every station today (warehouse database)</h3>
      {summary.stations.length === 0 ? (
        <p>No station has shipped anything today yet.</p>
      ) : (
        <StatsTable
          caption="Every station"
          rowHeader={{
            label: 'Station',
            value: (st) => `${st.station}${st.self ? ' (this station)' : ''}`,
          }}
          columns={SHIPPED_COLUMNS}
          rows={summary.stations}
          rowKey={(st) => st.station}
        />
      )}
    </section>
  );
}

export function Stats() {
  const { summary, loading, error, exported, exporting, load, exportToday } = useStatsStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="stats" aria-labelledby="stats-title">
      <header className="stats-head">
        <h2 id="stats-title">Stats</h2>
        {summary && (
          <p className="muted">
            Today is {summary.day}; this week began on Monday {summary.weekStarts}.
          </p>
        )}
        <div className="actions">
          <button type="button" disabled={loading} onClick={() => void load()}>
            Refresh
          </button>
          <button
            type="button"
            className="primary"
            disabled={exporting}
            onClick={() => void exportToday()}
          >
            Export today&apos;s packing log
          </button>
        </div>
      </header>
      {error && (
        <p role="alert" className="message message-error">
          {error}
        </p>
      )}
      {exported && <Outcome ok={exported.ok} text={exported.text} />}
      {!summary ? (
        <p className="muted">{loading ? 'Reading the packing log…' : ''}</p>
      ) : (
        <div className="stats-grid">
          <section className="card stats-card" aria-labelledby="stats-shipped">
            <h3 id="stats-shipped" className="visually-hidden">
              Shipped
            </h3>
            <Shipped summary={summary} />
            <p>
              Average time from opening an order to shipping it:{' '}
              <strong>
                {summary.averageOpenToShipMs === undefined
                  ? 'nothing shipped yet today'
                  : duration(summary.averageOpenToShipMs)}
              </strong>
            </p>
          </section>
          <OrdersPerHour summary={summary} />
          <MisScans summary={summary} />
          <Cancellations summary={summary} />
          <Packers summary={summary} />
          <EveryStation summary={summary} />
        </div>
      )}
    </section>
  );
}
