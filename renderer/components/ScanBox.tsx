// The scan-or-type box: Enter looks the number up among this station's orders. A wedge scanner
// types here too; a scan anywhere in the app will reach the same `openByCode`.
import { useState, type FormEvent } from 'react';
import { orderNumber } from '../store/order-list';
import { useOrdersStore } from '../store/orders';
import { useWaveStore } from '../store/wave';
import { parseWaveCode } from '../../common/wave-code';

export function ScanBox() {
  const { openByCode, scanMessage, scanMessageGood } = useOrdersStore();
  const [code, setCode] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = code;
    setCode('');
    // A wave's number typed from a pick list whose barcode will not scan starts the wave too.
    if (parseWaveCode(value) !== undefined) void useWaveStore.getState().start(value);
    else void openByCode(value);
  }

  return (
    <form className="scan-box" onSubmit={submit} role="search" aria-label="Scan">
      <label>
        <span>Scan or type an order number</span>
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="go"
        />
      </label>
      {scanMessage && (
        <p
          role={scanMessageGood ? 'status' : 'alert'}
          className={`scan-message${scanMessageGood ? ' is-good' : ''}`}
        >
          {scanMessage}
        </p>
      )}
    </form>
  );
}

/** Several orders carry the scanned number (numbers are unique per marketplace only). */
export function ScanChoices() {
  const { choices, open, dismissChoices } = useOrdersStore();
  if (!choices) return null;
  return (
    <div className="card choices" role="dialog" aria-labelledby="choices-title">
      <h3 id="choices-title">
        {choices.orders.length} orders carry number {choices.code} — choose one
      </h3>
      <ul>
        {choices.orders.map((o) => (
          <li key={o.id}>
            <button type="button" onClick={() => void open(o.id)}>
              {orderNumber(o)} · {o.marketplace ?? 'unknown marketplace'}
              {o.customerName ? ` · ${o.customerName}` : ''}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={dismissChoices}>
        Cancel
      </button>
    </div>
  );
}
