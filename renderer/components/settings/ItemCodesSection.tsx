// Settings → Item codes: every code this station learned on the Pack screen — another name of a
// SKU, or a case holding several units of it — with its units changed or the code removed, and
// the whole list exported to a file and imported on another station.
import { useEffect, useId, useState } from 'react';
import type { LearnedCodeView } from '../../../preload/api/item-codes';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { saveTextFile } from '../save-text-file';
import { Outcome } from '../Outcome';

type Message = { ok: boolean; text: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function importedSentence(added: number, replaced: number): string {
  const total = added + replaced;
  if (total === 0) return 'The file held no item codes; nothing changed.';
  return `Imported ${plural(total, 'item code', 'item codes')}: ${added} new, ${replaced} replaced ${replaced === 1 ? 'a code' : 'codes'} already here.`;
}

function CodeRow({
  entry,
  busy,
  onSave,
  onRemove,
}: {
  entry: LearnedCodeView;
  busy: boolean;
  onSave: (units: number) => void;
  onRemove: () => void;
}) {
  const [units, setUnits] = useState(String(entry.units));
  useEffect(() => setUnits(String(entry.units)), [entry.units]);
  const changed = units !== String(entry.units);
  const valid = /^\d{1,4}$/.test(units) && Number(units) >= 1;
  return (
    <tr>
      <td className="mono">{entry.code}</td>
      <td>{entry.sku}</td>
      <td>
        <input
          type="text"
          inputMode="numeric"
          size={5}
          aria-label={`Units in ${entry.code}`}
          aria-invalid={!valid}
          value={units}
          onChange={(e) => setUnits(e.target.value.trim())}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && changed && valid) {
              e.preventDefault();
              onSave(Number(units));
            }
          }}
        />
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            aria-label={`Save units of ${entry.code}`}
            disabled={busy || !changed || !valid}
            onClick={() => onSave(Number(units))}
          >
            Save
          </button>
          <button
            type="button"
            aria-label={`Remove ${entry.code}`}
            disabled={busy}
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      </td>
    </tr>
  );
}

export function ItemCodesSection() {
  const importId = useId();
  const [codes, setCodes] = useState<LearnedCodeView[]>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>();

  useEffect(() => {
    const load = () =>
      bridge()
        .call('itemCodes.list', {})
        .then((r) => setCodes(r.codes))
        .catch((error: unknown) => setMessage({ ok: false, text: sentence(error) }));
    void load();
    // A code learned on the Pack screen (this or another window) shows here at once.
    return bridge().on('settings.changed', () => void load());
  }, []);

  async function run(action: () => Promise<Message | undefined>) {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage(await action());
    } catch (error) {
      setMessage({ ok: false, text: sentence(error) });
    } finally {
      setBusy(false);
    }
  }

  const setUnits = (code: string, units: number) =>
    run(async () => {
      setCodes((await bridge().call('itemCodes.setUnits', { code, units })).codes);
      return {
        ok: true,
        text: `${code} now stands for ${plural(units, 'unit', 'units')}.`,
      };
    });

  const remove = (code: string) =>
    run(async () => {
      setCodes((await bridge().call('itemCodes.remove', { code })).codes);
      return { ok: true, text: `Removed ${code}; scanning it is an unknown code again.` };
    });

  const exportNow = () =>
    run(async () => {
      const file = await bridge().call('itemCodes.export', {});
      if (file.count === 0)
        return { ok: true, text: 'No item codes learned yet, so no file was made.' };
      if (file.cancelled) return { ok: true, text: 'No file was saved.' };
      const n = plural(file.count, 'item code', 'item codes');
      if (file.savedTo) return { ok: true, text: `Saved ${n} to ${file.savedTo}.` };
      saveTextFile(file.fileName, file.text, 'application/json');
      return { ok: true, text: `Saved ${n} to ${file.fileName}.` };
    });

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        const result = await bridge().call('itemCodes.import', { text: await file.text() });
        setCodes(result.codes);
        return { ok: true, text: importedSentence(result.added, result.replaced) };
      } finally {
        input.value = '';
      }
    });
  };

  return (
    <section className="card item-codes" aria-labelledby="item-codes-title">
      <h3 id="item-codes-title">Item codes</h3>
      <p className="muted">
        Codes learned on the Pack screen (L after an unknown code). A code of more than one unit is
        a case: one scan packs all its units.
      </p>
      {codes && codes.length === 0 ? (
        <p>No item codes learned yet.</p>
      ) : (
        <table className="lines" aria-label="Learned item codes">
          <thead>
            <tr>
              <th>Code</th>
              <th>SKU</th>
              <th>Units in this code</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {(codes ?? []).map((entry) => (
              <CodeRow
                key={entry.code}
                entry={entry}
                busy={busy}
                onSave={(units) => void setUnits(entry.code, units)}
                onRemove={() => void remove(entry.code)}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void exportNow()}>
          Export item codes
        </button>
      </div>
      <div className="field">
        <label htmlFor={importId}>Import item codes (JSON)</label>
        <input
          id={importId}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => importFile(e.target)}
        />
      </div>
      {message && <Outcome ok={message.ok} text={message.text} />}
    </section>
  );
}
