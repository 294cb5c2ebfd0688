// The sentence after an action (saved, queued, refused): read out politely when it went well,
// at once when it did not, and green or red on screen.
export function Outcome({ ok, text }: { ok: boolean; text: string }) {
  return (
    <p role={ok ? 'status' : 'alert'} className={`message ${ok ? 'message-ok' : 'message-error'}`}>
      {text}
    </p>
  );
}
