// What this station remembers: its name, who packs at it, which orders it syncs and how often,
// and the account it is signed in with.
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  ORDER_STATE_FILTER_VALUES,
  type Settings as SettingsValue,
  type SettingsPatch,
} from '../../preload/api/settings';
import { LIST_REQUESTS_PER_SECOND } from '../../common/feedamp-enums';
import { Field } from '../components/Field';
import { AccountSharing } from '../components/settings/AccountSharing';
import { PackingSection } from '../components/settings/PackingSection';
import { PrintingSettings } from '../components/settings/PrintingSettings';
import { ItemCodesSection } from '../components/settings/ItemCodesSection';
import { ScannerSection } from '../components/settings/ScannerSection';
import { UpdatesSection } from '../components/settings/UpdatesSection';
import { WarehouseSection } from '../components/settings/WarehouseSection';
import { CommandSheet } from '../components/pack/CommandSheet';
import { stateLabel } from '../store/order-list';
import { useSessionStore } from '../store/session';
import { useSettingsStore, type FieldErrors } from '../store/settings';

type SyncState = (typeof ORDER_STATE_FILTER_VALUES)[number];

/** The form's number fields: typed as text, sent as numbers. */
type NumberKey = 'uploadsPerSecond' | 'stationsOnAccount' | 'stationNumber' | 'intervalSeconds';

interface Form {
  stationName: string;
  packerName: string;
  sendBasicAuthOnV2: boolean;
  uploadsPerSecond: string;
  stationsOnAccount: string;
  stationNumber: string;
  normalizedStates: SyncState[];
  feedampStatus: string;
  clientLocationId: string;
  integrationId: string;
  intervalSeconds: string;
}

function toForm(s: SettingsValue): Form {
  return {
    stationName: s.stationName,
    packerName: s.packerName,
    sendBasicAuthOnV2: s.sendBasicAuthOnV2,
    uploadsPerSecond: String(s.uploadsPerSecond),
    stationsOnAccount: String(s.stationsOnAccount),
    stationNumber: String(s.stationNumber),
    normalizedStates: [...s.sync.normalizedStates],
    feedampStatus: s.sync.feedampStatus,
    clientLocationId: s.sync.clientLocationId,
    integrationId: s.sync.integrationId,
    intervalSeconds: String(s.sync.intervalSeconds),
  };
}

/** A number field's text as the patch's number: empty is NaN, so it is named as missing. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function toPatch(f: Form): SettingsPatch {
  return {
    stationName: f.stationName,
    packerName: f.packerName,
    sendBasicAuthOnV2: f.sendBasicAuthOnV2,
    uploadsPerSecond: numberOf(f.uploadsPerSecond),
    stationsOnAccount: numberOf(f.stationsOnAccount),
    stationNumber: numberOf(f.stationNumber),
    sync: {
      normalizedStates: f.normalizedStates,
      feedampStatus: f.feedampStatus,
      clientLocationId: f.clientLocationId,
      integrationId: f.integrationId,
      intervalSeconds: numberOf(f.intervalSeconds),
    },
  };
}

function SignOut() {
  const { status, busy, error, signOut } = useSessionStore();
  const [confirming, setConfirming] = useState(false);
  const who = status?.demo ? 'the demo' : `${status?.username ?? ''} at ${status?.baseUrl ?? ''}`;
  return (
    <section className="card" aria-labelledby="account-title">
      <h3 id="account-title">Account</h3>
      <p>
        Signed in to {who}
        {status?.clientId && !status.demo ? `, client ${status.clientId}` : ''}.
      </p>
      {status?.warning && (
        <p role="note" className="message message-warning">
          {status.warning}
        </p>
      )}
      {error && (
        <p role="alert" className="message message-error">
          {error}
        </p>
      )}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="sign-out-question" className="confirm">
          <p id="sign-out-question">
            Sign out? This station forgets the password and token; orders stop syncing until someone
            signs in again.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={!!busy}
              onClick={() => void signOut()}
            >
              Yes, sign out
            </button>
            {/* The safe answer takes the focus, so a stray Enter does not sign out. */}
            {/* eslint-disable-next-line jsx-a11y-x/no-autofocus */}
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Sign out
        </button>
      )}
    </section>
  );
}

export function Settings() {
  const { settings, error: loadError, save } = useSettingsStore();
  const [form, setForm] = useState<Form | undefined>(settings && toForm(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings && !form) setForm(toForm(settings));
  }, [settings, form]);

  if (!form) {
    return <p role="status">{loadError ?? 'Loading settings…'}</p>;
  }

  function edit(patch: Partial<Form>) {
    setForm((prev) => prev && { ...prev, ...patch });
    setSaved(false);
  }

  /** A number field bound to the form; its error is the one under the setting's path. */
  function numberField(key: NumberKey, path: string = key) {
    return {
      type: 'number',
      value: form![key],
      onChange: (e: ChangeEvent<HTMLInputElement>) => edit({ [key]: e.target.value }),
      error: errors[path],
    };
  }

  function toggleState(state: SyncState, on: boolean) {
    const states = form!.normalizedStates.filter((s) => s !== state);
    edit({ normalizedStates: on ? [...states, state] : states });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    const outcome = await save(toPatch(form!));
    setSaving(false);
    if (outcome.ok) {
      setErrors({});
      setSaveError(undefined);
      setSaved(true);
    } else {
      setErrors(outcome.fieldErrors);
      setSaveError(outcome.error);
    }
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <h3>Station</h3>
        <div className="field-row">
          <Field
            label="Station name"
            value={form.stationName}
            onChange={(e) => edit({ stationName: e.target.value })}
            error={errors.stationName}
          />
          <Field
            label="Packer name"
            value={form.packerName}
            onChange={(e) => edit({ packerName: e.target.value })}
            error={errors.packerName}
          />
        </div>

        <h3>Which orders this station syncs</h3>
        <fieldset
          className="states"
          aria-describedby={errors['sync.normalizedStates'] ? 'states-error' : undefined}
        >
          <legend>Order states</legend>
          {ORDER_STATE_FILTER_VALUES.map((state) => (
            <label key={state} className="check">
              <input
                type="checkbox"
                checked={form.normalizedStates.includes(state)}
                onChange={(e) => toggleState(state, e.target.checked)}
              />
              {stateLabel(state)}
            </label>
          ))}
          {errors['sync.normalizedStates'] && (
            <small id="states-error" className="field-error">
              {errors['sync.normalizedStates']}
            </small>
          )}
        </fieldset>
        <div className="field-row">
          <Field
            label="FeedAMP status"
            value={form.feedampStatus}
            onChange={(e) => edit({ feedampStatus: e.target.value })}
            error={errors['sync.feedampStatus']}
            hint="Optional: only orders with this FeedAMP status."
          />
          <Field
            label="Client location ID"
            value={form.clientLocationId}
            onChange={(e) => edit({ clientLocationId: e.target.value })}
            error={errors['sync.clientLocationId']}
            hint="Optional: only orders for this location."
          />
          <Field
            label="Integration ID"
            value={form.integrationId}
            onChange={(e) => edit({ integrationId: e.target.value })}
            error={errors['sync.integrationId']}
            inputMode="numeric"
            hint="Optional: only orders from this integration."
          />
          <Field
            label="Sync every (seconds)"
            min={15}
            max={3600}
            {...numberField('intervalSeconds', 'sync.intervalSeconds')}
          />
        </div>

        <h3>FeedAMP</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={form.sendBasicAuthOnV2}
            onChange={(e) => edit({ sendBasicAuthOnV2: e.target.checked })}
          />
          Send Basic auth on every FeedAMP call
        </label>
        <div className="field-row">
          <Field
            label="Uploads per second"
            min={1}
            max={50}
            {...numberField('uploadsPerSecond')}
            hint="How fast this station sends shipments to FeedAMP (default 5)."
          />
          <Field
            label="Stations on this FeedAMP account"
            min={1}
            max={50}
            {...numberField('stationsOnAccount')}
            hint={`Stations that share one FeedAMP account take turns at its ${LIST_REQUESTS_PER_SECOND} list requests a second.`}
          />
          <Field
            label="This station's number"
            min={1}
            max={Math.max(1, Number(form.stationsOnAccount) || 1)}
            {...numberField('stationNumber')}
            hint="Give each station a different number; their clocks must be set by network time."
          />
        </div>
        <AccountSharing turns={Number(form.stationsOnAccount) > 1} />

        {saveError && (
          <p role="alert" className="message message-error">
            {saveError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            Save
          </button>
          <span role="status" className="saved">
            {saving ? 'Saving…' : saved ? 'Saved' : ''}
          </span>
        </div>
      </form>
      <ScannerSection />
      <ItemCodesSection />
      <PackingSection />
      <PrintingSettings />
      <UpdatesSection />
      <WarehouseSection />
      <CommandSheet />
      <SignOut />
    </section>
  );
}
