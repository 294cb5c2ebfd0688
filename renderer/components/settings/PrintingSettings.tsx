// Settings → Printing: the printer (from the system's list, in the desktop app), silent printing,
// paper (A4, Letter, 4×6 label stock) and margins. Browser mode prints through the browser's own
// dialog, so only paper and margins apply there.
import { useEffect, useState, type FormEvent } from 'react';
import { PAGE_SIZES, type PageSize, type PrinterInfo } from '../../../preload/api/printing';
import { bridge } from '../../bridge/api';
import { useSettingsStore } from '../../store/settings';
import { Field } from '../Field';

const PAPER_NAMES: Record<PageSize, string> = { A4: 'A4', Letter: 'Letter', '4x6': '4×6 in label' };
const SIDES = ['top', 'right', 'bottom', 'left'] as const;

export function PrintingSettings() {
  const { settings, save } = useSettingsStore();
  const [printers, setPrinters] = useState<{ available: boolean; list: PrinterInfo[] }>();
  const [form, setForm] = useState(settings?.printing);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    bridge()
      .call('printing.printers', {})
      .then((r) => setPrinters({ available: r.available, list: r.printers }))
      .catch(() => setPrinters({ available: false, list: [] }));
  }, []);
  useEffect(() => {
    if (settings && !form) setForm(settings.printing);
  }, [settings, form]);
  if (!form) return null;

  const edit = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setMessage(undefined);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await save({ printing: form! });
    setMessage(
      outcome.ok
        ? { ok: true, text: 'Saved' }
        : { ok: false, text: outcome.error ?? 'Check the margins.' },
    );
  }

  return (
    <form
      className="card"
      aria-labelledby="printing-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="printing-title">Printing</h3>
      {printers?.available ? (
        <>
          <div className="field">
            <label htmlFor="printing-printer">Printer</label>
            <select
              id="printing-printer"
              value={form.printer}
              onChange={(e) => edit({ printer: e.target.value })}
            >
              <option value="">The system&apos;s default printer</option>
              {printers.list.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.displayName}
                  {p.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={form.silent}
              onChange={(e) => edit({ silent: e.target.checked })}
            />
            Print without asking (silent)
          </label>
        </>
      ) : (
        <p className="muted">
          In browser mode Packline prints through the browser&apos;s print dialog; choose the
          printer there.
        </p>
      )}
      <div className="field">
        <label htmlFor="printing-paper">Paper</label>
        <select
          id="printing-paper"
          value={form.pageSize}
          onChange={(e) => edit({ pageSize: e.target.value as PageSize })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {PAPER_NAMES[size]}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        {SIDES.map((side) => (
          <Field
            key={side}
            label={`Margin ${side} (mm)`}
            type="number"
            min={0}
            max={50}
            value={String(form.margins[side])}
            onChange={(e) => edit({ margins: { ...form.margins, [side]: Number(e.target.value) } })}
          />
        ))}
      </div>
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'message' : 'message message-error'}
        >
          {message.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Save printing
        </button>
      </div>
    </form>
  );
}
