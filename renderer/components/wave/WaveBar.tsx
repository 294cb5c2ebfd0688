// The running wave, always in view on the Pack screen and the Orders list: "Wave 14 — 7 of 30
// packed", what the last step skipped, and the Wave summary (packed, skipped with reasons, left),
// which is also where the wave ends. W opens the summary from anywhere outside a field.
import { useEffect } from 'react';
import type { WaveView } from '../../../preload/api/waves';
import { useWaveStore, waveLine } from '../../store/wave';
import { Dialog } from '../pack/Dialog';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

function useSummaryKey(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.toLowerCase() !== 'w' || isTyping(e.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      useWaveStore.getState().setSummary(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

function OrderList({
  label,
  rows,
}: {
  label: string;
  rows: { number: string; reason?: string }[];
}) {
  return (
    <section className="wave-list" aria-label={label}>
      <h4>
        {label} ({rows.length})
      </h4>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.number}>
              <span className="mono">{r.number}</span>
              {r.reason && ` — ${r.reason}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WaveSummary({ wave, onClose }: { wave: WaveView; onClose: () => void }) {
  const { end, setItemFirst, start, setSummary } = useWaveStore();
  // After a restart, or after leaving an order with N: the open order again, else the next one.
  const goOn = () => {
    setSummary(false);
    void start(wave.code);
  };
  return (
    <Dialog title={`Wave ${wave.id} summary`} onClose={onClose} className="wave-summary">
      <p aria-label="Wave totals">
        {wave.packed.length} packed, {wave.skipped.length} skipped, {wave.left.length} left of{' '}
        {wave.orderCount}.
      </p>
      <div className="wave-lists">
        <OrderList label="Packed" rows={wave.packed} />
        <OrderList label="Skipped" rows={wave.skipped} />
        <OrderList label="Left" rows={wave.left} />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={wave.itemFirst}
          onChange={(e) => void setItemFirst(e.target.checked)}
        />
        Item first in this wave (scan the item, not the order, for single-item orders)
      </label>
      <div className="actions">
        {wave.left.length > 0 && (
          <button type="button" className="primary" onClick={goOn}>
            Go on with the wave
          </button>
        )}
        <button type="button" onClick={() => void end()}>
          End wave
        </button>
      </div>
    </Dialog>
  );
}

export function WaveBar() {
  const { wave, notice, summaryOpen, setSummary } = useWaveStore();
  useSummaryKey(wave !== null);
  if (!wave) return null;
  return (
    <div className="wave-bar" role="region" aria-label="Wave">
      <strong className="wave-progress">{waveLine(wave)}</strong>
      {notice && (
        <span className={`wave-notice message-${notice.tone}`} role="status">
          {notice.text}
        </span>
      )}
      <button type="button" onClick={() => setSummary(true)}>
        Wave summary (W)
      </button>
      {summaryOpen && <WaveSummary wave={wave} onClose={() => setSummary(false)} />}
    </div>
  );
}
