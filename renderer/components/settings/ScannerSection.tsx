// Settings → Scanner: how the station reads the barcode scanner (gap, prefix, suffix, minimum
// length), "Ship on last scan", sounds, and "Test your scanner": scan into it to see exactly what
// the scanner sent — characters, the key after the code, the gaps measured — and what to set.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SCANNER_END_KEYS, type Settings as SettingsValue } from '../../../preload/api/settings';
import { readingAdvice, suggestedGap, type ScannerReading } from '../../scan/advice';
import { captureScans, observeKeys, type RawKey } from '../../scan/useScanner';
import { playTone } from '../../sound/tones';
import { useSettingsStore, type FieldErrors } from '../../store/settings';
import { Field } from '../Field';

type EndKey = (typeof SCANNER_END_KEYS)[number];

const END_KEY_LABELS: Record<EndKey, string> = {
  'Enter or Tab': 'Enter or Tab',
  Enter: 'Enter only',
  Tab: 'Tab only',
};

interface Form {
  maxGapMs: string;
  minLength: string;
  prefix: string;
  suffix: string;
  endKey: EndKey;
  shipOnLastScan: boolean;
  soundsOn: boolean;
  volume: number;
}

function toForm(s: SettingsValue): Form {
  return {
    maxGapMs: String(s.scanner.maxGapMs),
    minLength: String(s.scanner.minLength),
    prefix: s.scanner.prefix,
    suffix: s.scanner.suffix,
    endKey: s.scanner.endKey,
    shipOnLastScan: s.packing.shipOnLastScan,
    soundsOn: s.scanner.soundsOn,
    volume: s.scanner.volume,
  };
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Field errors in the packer's words; the contract's own messages are for programs. */
const FRIENDLY: Record<string, string> = {
  'scanner.maxGapMs': 'The gap is a whole number of milliseconds, 5 to 200.',
  'scanner.minLength': 'The minimum length is a whole number, 1 to 40.',
  'scanner.prefix': 'The prefix is at most 10 characters.',
  'scanner.suffix': 'The suffix is at most 10 characters.',
};

const SUFFIX_KEYS = new Set(['Enter', 'Tab']);
/** A new test starts when the keys have been quiet this long. */
const NEW_TEST_AFTER_MS = 1500;

function visible(text: string): string {
  return text.replace(/ /g, '␠');
}

function ScannerTest({
  gapSetting,
  onUseGap,
}: {
  gapSetting: number;
  onUseGap: (ms: number) => void;
}) {
  const area = useRef<HTMLDivElement>(null);
  const keys = useRef<RawKey[]>([]);
  const [reading, setReading] = useState<ScannerReading>();
  const [counts, setCounts] = useState({ read: 0, notUnderstood: 0 });
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if (!focused) return;
    const stopObserving = observeKeys((key) => {
      if (document.activeElement !== area.current) return;
      const last = keys.current[keys.current.length - 1];
      if (last && key.time - last.time > NEW_TEST_AFTER_MS) keys.current = [];
      // Shift and friends are how capitals are typed, not characters.
      if ([...key.key].length === 1 || SUFFIX_KEYS.has(key.key)) keys.current.push(key);
    });
    const release = captureScans((event) => {
      const sent = keys.current;
      keys.current = [];
      const last = sent[sent.length - 1];
      const endKey = last && SUFFIX_KEYS.has(last.key) ? last.key : undefined;
      const chars = sent.filter((k) => !SUFFIX_KEYS.has(k.key));
      const timed = endKey ? [...chars, last!] : chars;
      const gaps = timed.slice(1).map((k, i) => Math.round(k.time - timed[i]!.time));
      const understood = event.type === 'scan';
      setReading({
        sent: chars.map((k) => k.key).join(''),
        read: event.code,
        understood,
        ...(endKey ? { endKey } : {}),
        gaps,
      });
      setCounts((c) =>
        understood ? { ...c, read: c.read + 1 } : { ...c, notUnderstood: c.notUnderstood + 1 },
      );
    });
    return () => {
      stopObserving();
      release();
    };
  }, [focused]);

  const slowest = reading && reading.gaps.length > 0 ? Math.max(...reading.gaps) : undefined;
  return (
    <div className="scanner-test">
      <h4 id="scanner-test-title">Test your scanner</h4>
      <div
        ref={area}
        // The scanner types into whatever has focus: this area takes it to listen.
        // eslint-disable-next-line jsx-a11y-x/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-labelledby="scanner-test-title"
        aria-describedby="scanner-test-hint"
        className="card"
        style={{ borderStyle: 'dashed', minHeight: '3em', outlineOffset: 2 }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <p id="scanner-test-hint" className="muted">
          {focused
            ? 'Scan any barcode now. Nothing opens while you test.'
            : 'Click here, then scan any barcode.'}
        </p>
        {reading && (
          <dl>
            <dt>Sent</dt>
            <dd className="mono" aria-label="Characters sent">
              {visible(reading.sent)}
              {reading.endKey ? ` + ${reading.endKey}` : ''} ({reading.sent.length} characters)
            </dd>
            <dt>Read</dt>
            <dd className="mono" aria-label="Code read">
              {reading.understood
                ? reading.read
                : `not understood — “${reading.read}” is shorter than the minimum length`}
            </dd>
            <dt>Gaps between keys</dt>
            <dd aria-label="Gaps measured">
              {reading.gaps.length === 0
                ? '—'
                : `${reading.gaps.join(', ')} ms (slowest ${slowest} ms)`}
            </dd>
          </dl>
        )}
      </div>
      <p aria-live="polite">
        Scans read: <output aria-label="Scans read">{counts.read}</output> · Not understood:{' '}
        <output aria-label="Scans not understood">{counts.notUnderstood}</output>
      </p>
      {reading && (
        <p role="status" aria-label="Scanner advice">
          {readingAdvice(reading, gapSetting)}{' '}
          {slowest !== undefined && suggestedGap(slowest) !== gapSetting && (
            <button type="button" onClick={() => onUseGap(suggestedGap(slowest))}>
              Use {suggestedGap(slowest)} ms
            </button>
          )}
        </p>
      )}
    </div>
  );
}

export function ScannerSection() {
  const { settings, save } = useSettingsStore();
  const [form, setForm] = useState<Form | undefined>(settings && toForm(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    if (settings && !form) setForm(toForm(settings));
  }, [settings, form]);
  if (!form || !settings) return null;

  const edit = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setMessage(undefined);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = form!;
    const outcome = await save({
      scanner: {
        maxGapMs: number(f.maxGapMs),
        minLength: number(f.minLength),
        prefix: f.prefix,
        suffix: f.suffix,
        endKey: f.endKey,
        soundsOn: f.soundsOn,
        volume: f.volume,
      },
      packing: { shipOnLastScan: f.shipOnLastScan },
    });
    if (outcome.ok) {
      setErrors({});
      setMessage({ ok: true, text: 'Saved' });
    } else {
      const friendly: FieldErrors = {};
      for (const [path, text] of Object.entries(outcome.fieldErrors))
        friendly[path] = FRIENDLY[path] ?? text;
      setErrors(friendly);
      setMessage({ ok: false, text: outcome.error ?? 'Check the fields marked above.' });
    }
  }

  return (
    <form
      className="card"
      aria-labelledby="scanner-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="scanner-title">Scanner</h3>
      <div className="field-row">
        <Field
          label="Longest gap between keys (ms)"
          type="number"
          min={5}
          max={200}
          value={form.maxGapMs}
          onChange={(e) => edit({ maxGapMs: e.target.value })}
          error={errors['scanner.maxGapMs']}
          hint="In text fields, keys this close together are the scanner's (default 35). Elsewhere any burst ending with the suffix key is a scan."
        />
        <Field
          label="Minimum code length"
          type="number"
          min={1}
          max={40}
          value={form.minLength}
          onChange={(e) => edit({ minLength: e.target.value })}
          error={errors['scanner.minLength']}
          hint="A shorter scan is not understood (default 4)."
        />
      </div>
      <div className="field-row">
        <Field
          label="Prefix"
          value={form.prefix}
          onChange={(e) => edit({ prefix: e.target.value })}
          error={errors['scanner.prefix']}
          hint="Characters the scanner sends before the code, removed from it. Usually empty."
          spellCheck={false}
        />
        <Field
          label="Suffix characters"
          value={form.suffix}
          onChange={(e) => edit({ suffix: e.target.value })}
          error={errors['scanner.suffix']}
          hint="Characters sent after the code, before the suffix key, removed from it."
          spellCheck={false}
        />
        <div className="field">
          <label htmlFor="scanner-end-key">Suffix key</label>
          <select
            id="scanner-end-key"
            value={form.endKey}
            onChange={(e) => edit({ endKey: e.target.value as EndKey })}
          >
            {SCANNER_END_KEYS.map((k) => (
              <option key={k} value={k}>
                {END_KEY_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={form.shipOnLastScan}
          onChange={(e) => edit({ shipOnLastScan: e.target.checked })}
        />
        Ship on last scan
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.soundsOn}
          onChange={(e) => edit({ soundsOn: e.target.checked })}
        />
        Play sounds
      </label>
      <div className="field">
        <label htmlFor="scanner-volume">Volume</label>
        <input
          id="scanner-volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={form.volume}
          disabled={!form.soundsOn}
          onChange={(e) => edit({ volume: Number(e.target.value) })}
        />
        <button
          type="button"
          disabled={!form.soundsOn}
          onClick={() => playTone('good', { soundsOn: form.soundsOn, volume: form.volume })}
        >
          Play a test sound
        </button>
      </div>
      <ScannerTest
        gapSetting={settings.scanner.maxGapMs}
        onUseGap={(ms) => edit({ maxGapMs: String(ms) })}
      />
      {message && !message.ok && (
        <p role="alert" className="message message-error">
          {message.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          Save scanner settings
        </button>
        <span role="status" className="saved">
          {message?.ok ? message.text : ''}
        </span>
      </div>
    </form>
  );
}
