// Settings → Packing: how the bench works through orders. Item first saves as soon as it is
// ticked — it changes what the next scan does, so there is no separate Save to forget.
import { useState } from 'react';
import { useSettingsStore } from '../../store/settings';

export function PackingSection() {
  const settings = useSettingsStore((s) => s.settings);
  const save = useSettingsStore((s) => s.save);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (!settings) return null;

  async function setItemFirst(itemFirst: boolean) {
    const outcome = await save({ packing: { itemFirst } });
    setMessage(
      outcome.ok
        ? { ok: true, text: itemFirst ? 'Item first is on.' : 'Item first is off.' }
        : { ok: false, text: outcome.error ?? 'Item first was not saved — try again.' },
    );
  }

  return (
    <section className="card" aria-labelledby="packing-title">
      <h3 id="packing-title">Packing</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.packing.itemFirst}
          onChange={(e) => void setItemFirst(e.target.checked)}
        />
        Item first for single-item orders
      </label>
      <p className="muted">
        With no order open, scan the item: Packline opens the oldest-by-ship-by order that needs
        exactly that one unit (in the running wave, if there is one), puts it in the box and waits
        for the tracking label.
      </p>
      {message && (
        <p role="status" className={message.ok ? 'saved' : 'message message-error'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
