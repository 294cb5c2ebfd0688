// Settings → Updates: which version runs and what is waiting to install, and where this station
// looks for new versions. The desktop app updates itself from a seller's own server; browser
// mode only says who updates it.
import { useEffect, useState, type FormEvent } from 'react';
import { describeUpdateStatus, type UpdateStatus } from '../../../preload/api/updates';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { useSettingsStore } from '../../store/settings';
import { Field } from '../Field';

export function UpdatesSection() {
  const { settings, save } = useSettingsStore();
  const [status, setStatus] = useState<UpdateStatus>();
  const [url, setUrl] = useState<string>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    bridge()
      .call('updates.status', {})
      .then(setStatus)
      .catch((error: unknown) => setMessage({ ok: false, text: sentence(error) }));
    return bridge().on('updates.status', setStatus);
  }, []);
  useEffect(() => {
    if (settings && url === undefined) setUrl(settings.updates.url);
  }, [settings, url]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await save({ updates: { url: url ?? '' } });
    setMessage(
      outcome.ok
        ? { ok: true, text: 'Saved' }
        : {
            ok: false,
            text: outcome.fieldErrors['updates.url'] ?? outcome.error ?? 'Check the address.',
          },
    );
  }

  async function checkNow() {
    setMessage(undefined);
    try {
      setStatus(await bridge().call('updates.checkNow', {}));
    } catch (error) {
      setMessage({ ok: false, text: sentence(error) });
    }
  }

  const managed = status && status.state !== 'unmanaged';
  return (
    <form
      className="card"
      aria-labelledby="updates-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="updates-title">Updates</h3>
      <p role="status" aria-label="Update status">
        {status ? describeUpdateStatus(status) : ''}
      </p>
      {managed && (
        <>
          <Field
            label="Update address"
            type="url"
            placeholder="https://updates.example.com/packline/"
            value={url ?? ''}
            onChange={(e) => {
              setUrl(e.target.value);
              setMessage(undefined);
            }}
            hint="Where new versions are published (the folder holding latest.yml). Empty: the address built into this installation, if any."
          />
          {message && !message.ok && (
            <p role="alert" className="message message-error">
              {message.text}
            </p>
          )}
          <div className="actions">
            <button type="submit">Save</button>
            <button type="button" onClick={() => void checkNow()}>
              Check now
            </button>
            <span role="status" className="saved">
              {message?.ok ? message.text : ''}
            </span>
          </div>
        </>
      )}
    </form>
  );
}
