import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { requestPasswordReset, resetPassword } from '../api/recovery';
import { ErrorAlert, Field, fieldError, useAction } from '../components/ui';

/**
 * /reset-password: without a token, asks for a link by mail; with the mailed link's token, sets a new password.
 * The answer to a request never says whether the address has an account.
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <main className="page-narrow" data-testid="reset-password-page">
      <div className="card">
        <h1>{token ? 'Choose a new password' : 'Forgot your password?'}</h1>
        {token ? <NewPasswordForm token={token} /> : <RequestLinkForm />}
        <p className="small muted"><Link to="/login">Back to sign in</Link></p>
      </div>
    </main>
  );
}

function RequestLinkForm() {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<string>();
  const action = useAction(async () => setAnswer((await requestPasswordReset(email.trim())).detail));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  if (answer) return <p role="status" data-testid="reset-requested">{answer}</p>;
  return (
    <form onSubmit={submit} data-testid="reset-request-form">
      <ErrorAlert error={action.error} testId="reset-error" />
      <Field label="Email" htmlFor="reset-email" error={fieldError(action.error, 'email')}>
        <input id="reset-email" type="email" autoComplete="username" required value={email}
          onChange={(e) => setEmail(e.target.value)} data-testid="reset-email" />
      </Field>
      <button type="submit" className="btn block" disabled={action.busy} data-testid="reset-request-submit">
        {action.busy ? 'Sending…' : 'Mail me a link'}
      </button>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async () => {
    await resetPassword(token, password);
    setDone(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  if (done) {
    return <p role="status" data-testid="reset-done">Your new password is set. <Link to="/login">Sign in</Link> with it.</p>;
  }
  return (
    <form onSubmit={submit} data-testid="reset-form">
      <ErrorAlert error={action.error} testId="reset-error" />
      <Field label="New password" htmlFor="reset-password" hint="At least 10 characters; signs you out everywhere"
        error={fieldError(action.error, 'password')}>
        <input id="reset-password" type="password" autoComplete="new-password" required minLength={10}
          value={password} onChange={(e) => setPassword(e.target.value)} data-testid="reset-password" />
      </Field>
      <button type="submit" className="btn block" disabled={action.busy} data-testid="reset-submit">
        {action.busy ? 'Saving…' : 'Set the new password'}
      </button>
    </form>
  );
}
