// Batch shipments from a CSV file: main checks every row against the cached orders and this
// page shows what it found, row by row, before anything is queued. Rows with errors are never
// queued; they stay listed so the packer can fix them in the file.
import { useId, useState } from 'react';
import type { CsvRefusal, CsvRowView } from '../../../preload/api/outbox';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { agree, plural } from '../../../common/format';

interface Preview {
  fileName: string;
  text: string;
  rows: CsvRowView[];
  validRows: number;
  packages: number;
}

function previewSummary(p: Pick<Preview, 'rows' | 'validRows' | 'packages'>): string {
  const bad = p.rows.length - p.validRows;
  const ok = `${plural(p.validRows, 'row', 'rows')} OK in ${plural(p.packages, 'package', 'packages')}`;
  return bad > 0 ? `${ok}, ${plural(bad, 'row', 'rows')} with errors` : ok;
}

function RowsTable({ rows, caption }: { rows: CsvRowView[]; caption: string }) {
  return (
    <table className="lines csv-rows">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th className="num">Row</th>
          <th>Order</th>
          <th>SKU or line</th>
          <th className="num">Qty</th>
          <th>Carrier</th>
          <th>Tracking number</th>
          <th>Ship date</th>
          <th>Check</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.row} className={r.errors.length > 0 ? 'row-error' : undefined}>
            <td className="num">{r.row}</td>
            <td>{r.orderNumber}</td>
            <td>{r.item}</td>
            <td className="num">{r.quantity}</td>
            <td>{r.carrier}</td>
            <td className="mono">{r.trackingNumber}</td>
            <td>{r.shipDate}</td>
            <td>
              {r.errors.length === 0 ? (
                <span className="ok">OK</span>
              ) : (
                <ul className="row-errors">
                  {r.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Packages warehouse mode kept back (another station has the order or packed the units). */
export function RefusedPackages({ refused }: { refused: readonly CsvRefusal[] }) {
  if (refused.length === 0) return null;
  return (
    <div role="alert" className="message message-warning">
      <p>
        {plural(refused.length, 'package', 'packages')} not queued because of other stations
        (warehouse mode):
      </p>
      <ul aria-label="Packages not queued">
        {refused.map((r) => (
          <li key={`${r.orderNumber} ${r.trackingNumber}`}>
            Order {r.orderNumber}, tracking {r.trackingNumber}: {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CsvImport({ onClose }: { onClose: () => void }) {
  const inputId = useId();
  const [preview, setPreview] = useState<Preview>();
  const [queued, setQueued] = useState<{
    packages: number;
    left: CsvRowView[];
    refused: CsvRefusal[];
  }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function choose(file: File | undefined) {
    setPreview(undefined);
    setQueued(undefined);
    setError(undefined);
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      const result = await bridge().call('outbox.previewCsv', { text });
      if (result.fileError) setError(result.fileError);
      else if (result.rows.length === 0) setError(`${file.name} has no rows under its header.`);
      else setPreview({ fileName: file.name, text, ...result });
    } catch (e) {
      setError(sentence(e));
    } finally {
      setBusy(false);
    }
  }

  async function queue(p: Preview) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await bridge().call('outbox.queueCsv', { text: p.text });
      setQueued({
        packages: result.queued,
        left: p.rows.filter((r) => r.errors.length > 0),
        refused: result.refused,
      });
      setPreview(undefined);
    } catch (e) {
      setError(sentence(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card csv-import" aria-labelledby={`${inputId}-title`}>
      <h3 id={`${inputId}-title`}>Import shipments (CSV)</h3>
      <p className="muted">
        One row per line shipped:{' '}
        <code>order_number, sku, quantity, carrier, tracking_number, ship_date</code>. Rows with the
        same order and tracking number become one package. Nothing is queued until you have seen the
        check.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Shipments file (CSV)</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {busy && <p className="busy">Checking…</p>}
      {error && (
        <p role="alert" className="message message-error">
          {error}
        </p>
      )}
      {preview && (
        <>
          <p role="status" className="csv-summary">
            {previewSummary(preview)}
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || preview.packages === 0}
              onClick={() => void queue(preview)}
            >
              Queue {plural(preview.packages, 'package', 'packages')}
            </button>
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          </div>
          {preview.validRows < preview.rows.length && (
            <p className="muted">Rows with errors are not queued; fix them in the file.</p>
          )}
          <RowsTable rows={preview.rows} caption={`Check of ${preview.fileName}`} />
        </>
      )}
      {queued && (
        <>
          <p role="status" className="message message-ok">
            Queued {plural(queued.packages, 'package', 'packages')}.
            {queued.left.length > 0 &&
              ` ${plural(queued.left.length, 'row', 'rows')} with errors ${agree(queued.left.length, 'was', 'were')} not queued — fix ${agree(queued.left.length, 'it', 'them')} in the file and import again.`}
          </p>
          <RefusedPackages refused={queued.refused} />
          {queued.left.length > 0 && <RowsTable rows={queued.left} caption="Not queued" />}
        </>
      )}
    </section>
  );
}
