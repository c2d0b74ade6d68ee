import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { confirmEmail, type Confirmed } from '../api/rights';
import { ErrorAlert, useAction } from '../components/ui';

/**
 * /verify-email?token=…: the page a mailed confirmation link opens. The address is confirmed by a click here, not by
 * opening the link, so that a mail program fetching links ahead does not spend it.
 */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [confirmed, setConfirmed] = useState<Confirmed>();
  const action = useAction(async () => setConfirmed(await confirmEmail(token ?? '')));
  return (
    <main className="page-narrow" data-testid="verify-email-page">
      <div className="card">
        <h1>Confirm your address</h1>
        {confirmed ? (
          <p role="status" data-testid="verify-email-done">
            {confirmed.purpose === 'email-change'
              ? `Your account now uses ${confirmed.email}: sign in with it from now on.`
              : `${confirmed.email} is confirmed. You can create lessons now.`}{' '}
            <Link to="/dashboard">Go to your dashboard</Link>
          </p>
        ) : !token ? (
          <p className="alert error" data-testid="verify-email-no-token">This link is incomplete: open the whole link from the mail,
            or ask for a new one in Settings.</p>
        ) : (
          <>
            <ErrorAlert error={action.error} testId="verify-email-error" />
            <button type="button" className="btn block" disabled={action.busy} onClick={() => void action.run()}
              data-testid="verify-email-confirm">{action.busy ? 'Confirming…' : 'Confirm my address'}</button>
          </>
        )}
      </div>
    </main>
  );
}
