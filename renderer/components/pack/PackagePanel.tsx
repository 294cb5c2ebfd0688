// The package: carrier (the full FeedAMP list, searchable), tracking number, ship date, optional
// tracking URL, and Ship. A tracking scan fills carrier and number; a person may type both.
import { memo, useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CARRIERS, type Carrier } from '../../../preload/api/pack';
import { usePackStore } from '../../store/pack';

function findCarrier(text: string): Carrier | undefined {
  const wanted = text.trim().toLowerCase();
  return CARRIERS.find((c) => c.toLowerCase() === wanted);
}

/**
 * Renders again only when the package or its label changes, not on every item scan (it holds
 * FeedAMP's whole carrier list).
 */
export const PackagePanel = memo(function PackagePanel({
  shipLabel,
  done,
}: {
  shipLabel: string;
  done: boolean;
}) {
  const s = usePackStore(
    useShallow((p) => ({
      carrier: p.carrier,
      candidates: p.candidates,
      trackingNumber: p.trackingNumber,
      shipDate: p.shipDate,
      trackingUrl: p.trackingUrl,
      busy: p.busy,
      shipKey: p.shipKey,
      pickCandidate: p.pickCandidate,
      setPackage: p.setPackage,
    })),
  );
  // What the packer types to search; the package's carrier changes only on an exact match.
  const [carrierText, setCarrierText] = useState<string>(s.carrier);
  useEffect(() => setCarrierText(s.carrier), [s.carrier]);
  function submit(e: FormEvent) {
    e.preventDefault();
    void s.shipKey();
  }
  return (
    <form className="card package-panel" aria-labelledby="package-title" onSubmit={submit}>
      <h3 id="package-title">Package</h3>
      {s.candidates && (
        <fieldset className="candidates">
          <legend>Which carrier? This number fits several</legend>
          {s.candidates.map((c, i) => (
            <label key={c.carrier}>
              <input
                type="radio"
                name="candidate"
                checked={s.carrier === c.carrier}
                onChange={() => s.pickCandidate(i)}
              />
              {i + 1}. {c.carrier} <span className="muted">({c.service})</span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>Carrier</span>
        <input
          list="carrier-list"
          value={carrierText}
          onChange={(e) => {
            setCarrierText(e.target.value);
            const match = findCarrier(e.target.value);
            if (match) s.setPackage({ carrier: match });
          }}
          onBlur={() => setCarrierText(s.carrier)}
          placeholder="Scan the label, or type to search"
          autoComplete="off"
        />
        <datalist id="carrier-list">
          {CARRIERS.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>Tracking number</span>
        <input
          className="mono"
          value={s.trackingNumber}
          onChange={(e) => s.setPackage({ trackingNumber: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="field">
        <span>Ship date</span>
        <input
          type="datetime-local"
          value={s.shipDate}
          onChange={(e) => s.setPackage({ shipDate: e.target.value })}
        />
        <small className="muted">{s.shipDate ? '' : 'Now, when you ship'}</small>
      </label>
      <label className="field">
        <span>Tracking URL (optional)</span>
        <input
          type="url"
          value={s.trackingUrl}
          onChange={(e) => s.setPackage({ trackingUrl: e.target.value })}
          autoComplete="off"
        />
      </label>
      {/* Nothing left on the order: Ship stays in its place, disabled, so nothing jumps. */}
      <button type="submit" className="primary ship-button" disabled={s.busy || done}>
        {shipLabel}
      </button>
    </form>
  );
});
