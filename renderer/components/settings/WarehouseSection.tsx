// Settings → Warehouse database: where the PostgreSQL database the account's stations share is
// (warehouse mode), whether this station uses it, and what it is doing with it now. The
// password goes to main's vault; the page only learns whether one is kept.
import { useEffect, useState, type FormEvent } from 'react';
import type { WarehouseStatus } from '../../../preload/api/warehouse';
import { bridge } from '../../bridge/api';
import { sentence } from '../../bridge/sentence';
import { Field } from '../Field';
import { Outcome } from '../Outcome';

interface Form {
  enabled: boolean;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
}

function toForm(s: WarehouseStatus): Form {
  return { ...s.config, port: String(s.config.port), password: '' };
}

/** What the station is doing with the database, in one sentence. */
function describeWarehouse(s: WarehouseStatus): string {
  switch (s.state) {
    case 'off':
      return 'Off — this station works on its own with FeedAMP.';
    case 'connecting':
      return `Connecting to ${s.config.database} on ${s.config.host}…`;
    case 'connected':
      return s.leader
        ? `Connected to ${s.config.database} on ${s.config.host} — this station syncs FeedAMP for the account.`
        : `Connected to ${s.config.database} on ${s.config.host} — orders come from the station that syncs FeedAMP.`;
    case 'alone':
      return s.message ?? 'Working alone — other stations cannot see your claims.';
  }
}

export function WarehouseSection() {
  const [status, setStatus] = useState<WarehouseStatus>();
  const [form, setForm] = useState<Form>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    bridge()
      .call('warehouse.status', {})
      .then((s) => {
        setStatus(s);
        setForm((f) => f ?? toForm(s));
      })
      .catch((error: unknown) => setMessage({ ok: false, text: sentence(error) }));
    return bridge().on('warehouse.status', setStatus);
  }, []);

  if (!form) return null;
  const edit = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setMessage(undefined);
  };
  const input = () => ({
    enabled: form.enabled,
    host: form.host,
    port: Number(form.port),
    database: form.database,
    user: form.user,
    ssl: form.ssl,
    // Nothing typed keeps the saved password.
    ...(form.password ? { password: form.password } : {}),
  });

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
    } catch (error) {
      setMessage({ ok: false, text: sentence(error) });
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const s = await bridge().call('warehouse.configure', input());
      setStatus(s);
      setForm({ ...toForm(s) });
      setMessage({ ok: true, text: 'Saved' });
    });
  };
  const test = () =>
    void run(async () => {
      const result = await bridge().call('warehouse.test', input());
      setMessage({ ok: result.ok, text: result.message });
    });

  const portProblem =
    Number.isInteger(Number(form.port)) && Number(form.port) >= 1 && Number(form.port) <= 65535
      ? undefined
      : 'The port is a number from 1 to 65535';
  return (
    <form className="card" aria-labelledby="warehouse-title" onSubmit={submit} noValidate>
      <h3 id="warehouse-title">Warehouse database</h3>
      <p
        role="status"
        aria-label="Warehouse status"
        className={status?.state === 'alone' ? 'message message-warning' : undefined}
      >
        {status ? describeWarehouse(status) : ''}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => edit({ enabled: e.target.checked })}
        />
        Share claims and one FeedAMP sync with the other stations (warehouse mode)
      </label>
      <Field
        label="Host"
        value={form.host}
        placeholder="db.warehouse.lan"
        onChange={(e) => edit({ host: e.target.value })}
        hint="The computer running PostgreSQL, as IT named it."
      />
      <Field
        label="Port"
        type="number"
        value={form.port}
        error={portProblem}
        onChange={(e) => edit({ port: e.target.value })}
      />
      <Field
        label="Database"
        value={form.database}
        onChange={(e) => edit({ database: e.target.value })}
      />
      <Field label="User" value={form.user} onChange={(e) => edit({ user: e.target.value })} />
      <Field
        label="Password"
        type="password"
        autoComplete="off"
        value={form.password}
        placeholder={status?.hasPassword ? 'Kept — type to change' : ''}
        onChange={(e) => edit({ password: e.target.value })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={form.ssl}
          onChange={(e) => edit({ ssl: e.target.checked })}
        />
        Use TLS (the server&apos;s certificate must be trusted by this computer)
      </label>
      {message && <Outcome ok={message.ok} text={message.text} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !!portProblem}>
          Save database settings
        </button>
        <button type="button" disabled={busy || !!portProblem} onClick={test}>
          Test connection
        </button>
      </div>
    </form>
  );
}
