// Settings → Printing: the printer (from the system's list, in the desktop app), silent printing,
// paper (A4, Letter, 4×6 label stock) and margins. Browser mode prints through the browser's own
// dialog, so only paper and margins apply there. And who the packing slips are from: the
// seller's name, logo and return address (slips are the customer's document).
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { MAX_LOGO_CHARS } from '../../../preload/api/settings';
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

  const seller = form.seller;
  const editSeller = (patch: Partial<typeof seller>) => edit({ seller: { ...seller, ...patch } });

  function chooseLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      if (url.length > MAX_LOGO_CHARS)
        setMessage({ ok: false, text: 'That logo is too large — choose an image under 500 kB.' });
      else editSeller({ logo: url });
    };
    reader.onerror = () =>
      setMessage({ ok: false, text: 'Packline could not read that image — choose another.' });
    reader.readAsDataURL(file);
  }

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
      <h4>Packing slips</h4>
      <Field
        label="Seller name on packing slips"
        value={seller.name}
        maxLength={100}
        onChange={(e) => editSeller({ name: e.target.value })}
      />
      <div className="field">
        <label htmlFor="printing-logo-file">Logo image</label>
        <input
          id="printing-logo-file"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml"
          onChange={chooseLogo}
        />
      </div>
      <Field
        label="Logo file on this computer, or the chosen image"
        hint="A PNG, JPEG, GIF, WebP or SVG file path, read when slips print; choosing an image above fills this in."
        value={seller.logo.startsWith('data:') ? 'Chosen image (kept in Settings)' : seller.logo}
        readOnly={seller.logo.startsWith('data:')}
        onChange={(e) => editSeller({ logo: e.target.value })}
      />
      {seller.logo && (
        <p className="actions">
          {seller.logo.startsWith('data:') && (
            <img className="logo-preview" src={seller.logo} alt="Logo preview" height={40} />
          )}
          <button type="button" onClick={() => editSeller({ logo: '' })}>
            Remove logo
          </button>
        </p>
      )}
      <div className="field">
        <label htmlFor="printing-return-address">Return address on packing slips</label>
        <textarea
          id="printing-return-address"
          rows={4}
          maxLength={400}
          value={seller.returnAddress}
          onChange={(e) => editSeller({ returnAddress: e.target.value })}
        />
      </div>
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'message message-ok' : 'message message-error'}
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
