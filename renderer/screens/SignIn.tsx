// First screen on a new station: sign in to FeedAMP, or try the built-in demo.
import { useState, type FormEvent } from 'react';
import {
  DEFAULT_FEEDAMP_URL,
  signInInputSchema,
  type SignInInput,
} from '../../preload/api/session';
import { Field } from '../components/Field';
import { useSessionStore, type SessionTask } from '../store/session';

type FieldName = keyof SignInInput;
type FieldErrors = Partial<Record<FieldName, string>>;

// Main waits out FeedAMP's "slow down" answers rather than failing, so these can take a while
// when many stations of the account start at once.
const BUSY_TEXT: Record<SessionTask, string> = {
  test: 'Testing the connection… (up to a minute when FeedAMP is busy)',
  'sign-in': 'Signing in… (up to a minute when FeedAMP is busy)',
  demo: 'Starting the demo…',
  'sign-out': 'Signing out…',
};

function validate(input: SignInInput): { data?: SignInInput; errors: FieldErrors } {
  const parsed = signInInputSchema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as FieldName;
    errors[field] ??= issue.message;
  }
  return { errors };
}

export function SignIn() {
  const { busy, error, notice, status, testConnection, signIn, startDemo } = useSessionStore();
  const [input, setInput] = useState<SignInInput>({
    baseUrl: DEFAULT_FEEDAMP_URL,
    username: '',
    password: '',
    clientId: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});

  const change = (field: FieldName) => (e: { target: { value: string } }) => {
    setInput((prev) => ({ ...prev, [field]: e.target.value }));
    if (errors[field]) setErrors((prev) => ({ ...prev, [field]: undefined }));
  };

  function checked(): SignInInput | undefined {
    const { data, errors: found } = validate(input);
    setErrors(found);
    return data;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const data = checked();
    if (data) void signIn(data);
  }

  function test() {
    const data = checked();
    if (data) void testConnection(data);
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <form className="card sign-in-card" onSubmit={submit} noValidate aria-busy={!!busy}>
        <h2 id="sign-in-title">Sign in to FeedAMP</h2>
        <p className="lead">
          Use the FeedAMP account this station packs for. The password stays on this computer.
        </p>
        <Field
          label="FeedAMP URL"
          value={input.baseUrl}
          onChange={change('baseUrl')}
          error={errors.baseUrl}
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
        />
        <Field
          label="Username"
          value={input.username}
          onChange={change('username')}
          error={errors.username}
          autoComplete="username"
          spellCheck={false}
        />
        <Field
          label="Password"
          type="password"
          value={input.password}
          onChange={change('password')}
          error={errors.password}
          autoComplete="current-password"
        />
        <Field
          label="Client ID"
          value={input.clientId}
          onChange={change('clientId')}
          error={errors.clientId}
          inputMode="numeric"
          spellCheck={false}
        />
        {busy && (
          <p role="status" className="busy">
            {BUSY_TEXT[busy]}
          </p>
        )}
        {error && (
          <p role="alert" className="message message-error">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="message message-ok">
            {notice}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!!busy}>
            Sign in
          </button>
          <button type="button" onClick={test} disabled={!!busy}>
            Test connection
          </button>
        </div>
        <hr />
        <div className="demo">
          <p>
            No account at hand? The demo runs a practice FeedAMP on this computer with sample
            orders.
          </p>
          <button type="button" onClick={() => void startDemo()} disabled={!!busy}>
            Try the demo
          </button>
        </div>
        {status?.warning && (
          <p role="note" className="message message-warning">
            {status.warning}
          </p>
        )}
      </form>
    </section>
  );
}
