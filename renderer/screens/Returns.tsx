// The returns desk: every cached return, searchable and filterable, soonest respond-by first
// (late and due-today said in words). A scanned RMA, return tracking label or order number opens
// the return; typing filters the list and Enter opens what the number names.
import { useMemo, useState, type FormEvent } from 'react';
import { dateTime, whenShort } from '../components/format';
import {
  readable as stateLabel,
  RETURN_TYPE_LABELS,
  RETURN_TYPES,
  returnTypeLabel,
} from '../components/labels';
import { useNow } from '../components/useNow';
import { shipByMark } from '../store/order-list';
import { filterReturns, returnLabel, useReturnsStore, type ListedReturn } from '../store/returns';
import { ReturnView } from './ReturnView';
import { plural } from '../../common/format';

export function RespondBy({ ms, now }: { ms: number | undefined; now: Date }) {
  if (ms === undefined) return <span className="muted">No respond-by date</span>;
  const mark = shipByMark(ms, now);
  return (
    <span className={`ship-by ${mark ?? ''}`}>
      {mark === 'late' && <strong className="mark mark-late">Late</strong>}
      {mark === 'due-today' && <strong className="mark mark-today">Respond today</strong>}{' '}
      <time dateTime={new Date(ms).toISOString()}>{dateTime(ms)}</time>
    </span>
  );
}

function SyncLine() {
  const status = useReturnsStore((s) => s.status);
  const syncNow = useReturnsStore((s) => s.syncNow);
  const text =
    status?.state === 'syncing'
      ? 'Syncing returns…'
      : status?.message
        ? status.message
        : status?.lastSuccessAt
          ? `Returns synced ${whenShort(status.lastSuccessAt)}`
          : 'Returns not synced yet';
  return (
    <p className="actions">
      <span role="status" aria-label="Returns sync">
        {text}
      </span>{' '}
      <button type="button" onClick={() => void syncNow()} disabled={status?.state === 'syncing'}>
        Sync returns
      </button>
    </p>
  );
}

function Row({ r, now, open }: { r: ListedReturn; now: Date; open: (id: string) => void }) {
  return (
    <tr>
      <td>
        <button type="button" className="link" onClick={() => open(r.id)}>
          {returnLabel(r)}
        </button>
      </td>
      <td className="mono">{r.marketplaceOrderNumber ?? r.customerOrderNumber ?? '—'}</td>
      <td>{r.marketplace ?? '—'}</td>
      <td>{r.customerName ?? '—'}</td>
      <td>
        {stateLabel(r.state)}
        {r.leftFilter && <span className="muted"> (no longer in the returns filter)</span>}
      </td>
      <td>{returnTypeLabel(r.returnType)}</td>
      <td className="num">{r.unitCount}</td>
      <td>
        <RespondBy ms={r.respondByMs} now={now} />
      </td>
    </tr>
  );
}

function Choices() {
  const { choices, returns, open } = useReturnsStore();
  if (!choices) return null;
  const byId = new Map(returns.map((r) => [r.id, r]));
  return (
    <div className="card choices" role="dialog" aria-labelledby="return-choices-title">
      <h3 id="return-choices-title">
        {choices.ids.length} returns carry number {choices.code} — choose one
      </h3>
      <ul>
        {choices.ids.map((id) => {
          const r = byId.get(id);
          return (
            <li key={id}>
              <button type="button" onClick={() => void open(id)}>
                {r
                  ? `${returnLabel(r)} · ${stateLabel(r.state, 'State unknown')}`
                  : 'A return not listed here'}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Returns() {
  const { returns, loaded, loadError, filter, setFilter, openByCode, open, openId, scanMessage } =
    useReturnsStore();
  const now = useNow();
  const [code, setCode] = useState('');
  const shown = useMemo(() => filterReturns(returns, filter), [returns, filter]);
  const states = useMemo(
    () => [...new Set(returns.map((r) => r.state).filter((s): s is string => !!s))].sort(),
    [returns],
  );

  if (openId) return <ReturnView />;

  function submit(e: FormEvent) {
    e.preventDefault();
    void openByCode(code);
  }

  return (
    <section aria-labelledby="returns-title" className="returns">
      <h2 id="returns-title">Returns</h2>
      <SyncLine />
      <form role="search" aria-label="Find a return" onSubmit={submit} className="orders-toolbar">
        <label className="filter search">
          <span>Search or scan a return (RMA, return tracking, order number)</span>
          <input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setFilter({ text: e.target.value });
            }}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="go"
          />
        </label>
        <label className="filter">
          <span>State</span>
          <select value={filter.state} onChange={(e) => setFilter({ state: e.target.value })}>
            <option value="">Any state</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Return type</span>
          <select value={filter.type} onChange={(e) => setFilter({ type: e.target.value })}>
            <option value="">Any type</option>
            {RETURN_TYPES.map((t) => (
              <option key={t} value={t}>
                {RETURN_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
      </form>
      {(scanMessage ?? loadError) && (
        <p role="alert" className="message message-error">
          {scanMessage ?? loadError}
        </p>
      )}
      <Choices />
      <p role="status" aria-label="Return count" className="orders-count">
        {shown.length === returns.length
          ? plural(returns.length, 'return', 'returns')
          : `${shown.length} of ${returns.length} returns`}
      </p>
      {loaded && returns.length === 0 ? (
        <p className="muted">No returns on this station yet.</p>
      ) : (
        <table className="lines" aria-label="Returns">
          <thead>
            <tr>
              <th scope="col">Return</th>
              <th scope="col">Order</th>
              <th scope="col">Marketplace</th>
              <th scope="col">Customer</th>
              <th scope="col">State</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Units
              </th>
              <th scope="col">Respond by</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 500).map((r) => (
              <Row key={r.id} r={r} now={now} open={(id) => void open(id)} />
            ))}
          </tbody>
        </table>
      )}
      {shown.length > 500 && (
        <p className="muted">Showing the first 500 — search to narrow the list.</p>
      )}
    </section>
  );
}
