import { useState } from 'react';
import { getMe } from '../api';
import { resendVerification } from '../api/rights';
import { ErrorAlert, useAction, useLoad } from './ui';

/**
 * Tells a teacher whose address is not confirmed yet, and mails a new link on request (the server throttles it).
 * Nothing shows once the address is confirmed, or while the account cannot be read.
 */
export function AddressNotice() {
  const me = useLoad(getMe, []);
  const [sent, setSent] = useState<string>();
  const resend = useAction(async () => setSent(await resendVerification()));
  if (!me.data || me.data.emailVerified) return null;
  return (
    <div className="alert warn" role="status" data-testid="address-notice">
      <p>Confirm your address <strong>{me.data.email}</strong>: open the link we mailed you. Until then this academy may not
        let you create lessons.</p>
      <ErrorAlert error={resend.error} testId="address-resend-error" />
      {sent ? <p className="small" data-testid="address-resent">{sent}</p> : (
        <button type="button" className="btn secondary small" disabled={resend.busy} onClick={() => void resend.run()}
          data-testid="address-resend">{resend.busy ? 'Sending…' : 'Mail me a new link'}</button>
      )}
    </div>
  );
}
