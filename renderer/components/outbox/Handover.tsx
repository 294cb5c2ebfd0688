// Moving waiting uploads to another station (this one is broken, or leaves the network for
// good): export writes them to a file and takes them out of this station's queue; import on the
// other station adds them, and main looks each up on FeedAMP before sending, so nothing goes twice.
import { useId, useState } from 'react';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { agree, plural } from '../../../common/format';
import { saveTextFile } from '../save-text-file';
import { Outcome } from '../Outcome';

export function Handover({ waiting }: { waiting: number }) {
  const importId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  async function exportNow() {
    setBusy(true);
    setMessage(undefined);
    try {
      const file = await bridge().call('outbox.export', {});
      let text: string;
      if (file.entries === 0) {
        text = 'Nothing was waiting, so no file was made.';
      } else if (file.cancelled) {
        text = 'No file was saved; the uploads stay on this station.';
      } else if (file.savedTo) {
        // The desktop app saved it and handed the uploads over.
        text = `Saved ${plural(file.entries, 'upload', 'uploads')} to ${file.savedTo}. This station no longer uploads them — import that file on the other station.`;
      } else {
        // Browser mode: the page saves the file, then the uploads are handed over.
        saveTextFile(file.fileName, file.text, 'application/json');
        const { handedOver } = await bridge().call('outbox.handOver', { ids: file.ids });
        text = `Saved ${plural(handedOver, 'upload', 'uploads')} to ${file.fileName}. This station no longer uploads them — import that file on the other station.`;
      }
      setMessage({ ok: true, text });
    } catch (e) {
      setMessage({ ok: false, text: sentence(e) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const { added, alreadyHere } = await bridge().call('outbox.import', {
        text: await file.text(),
      });
      setMessage({ ok: true, text: `Added ${added}, already here ${alreadyHere}.` });
    } catch (e) {
      setMessage({ ok: false, text: sentence(e) });
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  return (
    <section className="card handover" aria-labelledby={`${importId}-title`}>
      <h3 id={`${importId}-title`}>Move uploads to another station</h3>
      <p className="muted">
        Export puts everything waiting here (including what needs attention) in a file and takes it
        out of this station&apos;s queue, so only the station that imports the file uploads it.
        Anything already on FeedAMP is not sent again.
      </p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`${importId}-question`} className="confirm">
          <p id={`${importId}-question`}>
            Move {plural(waiting, 'upload', 'uploads')} to a file? This station will stop uploading{' '}
            {agree(waiting, 'it', 'them')}.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void exportNow()}
            >
              Yes, export
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            disabled={busy || waiting === 0}
            onClick={() => setConfirming(true)}
          >
            Export waiting uploads
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor={importId}>Import uploads from another station</label>
        <input
          id={importId}
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => void importFile(e.target)}
        />
      </div>
      {message && <Outcome ok={message.ok} text={message.text} />}
    </section>
  );
}
