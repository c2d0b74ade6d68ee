import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  accountsById, auditLog, changeRole, deleteAccount, formatBytes, getSignUpPolicy, inviteTeacher, listInvitations,
  revokeInvitation, ROLES, searchAccounts, setAccountDisabled, setSignUpPolicy, storageUsage,
  type AdminAccount, type AdminRole, type InvitationSummary, type TeacherSignUp,
} from '../api/admin';
import { CopyField, Empty, ErrorAlert, Spinner, useAction, useLoad } from '../components/ui';
import { useMe } from '../components/session';

const TABS = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'invitations', label: 'Invitations' },
  { id: 'storage', label: 'Storage' },
  { id: 'signup', label: 'Sign-up policy' },
  { id: 'audit', label: 'Audit log' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The operator's console (admins only): accounts, invitations, storage, the sign-up policy and the audit log. */
export function AdminPage() {
  const me = useMe();
  const [tab, setTab] = useState<TabId>('accounts');
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  if (me.role !== 'admin') {
    return <Empty title="Only the operator's admin account can open the console." testId="admin-not-allowed" />;
  }
  // Tabs as the WAI-ARIA pattern: arrow keys, Home and End move between them; Tab goes into the panel.
  const onKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + TABS.length) % TABS.length;
    setTab(TABS[next].id);
    buttons.current[next]?.focus();
  };
  return (
    <>
      <div className="page-head"><h1>Admin console</h1></div>
      <div className="tabs" role="tablist" aria-label="Admin console">
        {TABS.map((t, index) => (
          <button key={t.id} ref={(el) => { buttons.current[index] = el; }} type="button" role="tab" id={`admin-tab-${t.id}`}
            aria-selected={tab === t.id} aria-controls={`admin-panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1}
            className="tab" onClick={() => setTab(t.id)} onKeyDown={(e) => onKey(e, index)} data-testid={`admin-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <section className="card admin-panel" role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`} tabIndex={0}>
        {tab === 'accounts' && <AccountsTab myId={me.id} />}
        {tab === 'invitations' && <InvitationsTab />}
        {tab === 'storage' && <StorageTab />}
        {tab === 'signup' && <SignUpTab />}
        {tab === 'audit' && <AuditTab />}
      </section>
    </>
  );
}

function Pager({ page, total, size, onPage, label }: { page: number; total: number; size: number; onPage: (page: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return (
    <nav className="row pager" aria-label={`${label} pages`}>
      <button type="button" className="btn secondary small" disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</button>
      <span className="small muted">Page {page + 1} of {pages}</span>
      <button type="button" className="btn secondary small" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function AccountsTab({ myId }: { myId: string }) {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const accounts = useLoad(() => searchAccounts(search, page), [search, page]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(0);
    setSearch(query.trim());
  };
  const replace = (changed: AdminAccount) => accounts.setData((current) => current && {
    ...current, items: current.items.map((a) => (a.id === changed.id ? changed : a)),
  });
  return (
    <>
      <h2>Accounts</h2>
      <form className="row admin-search" onSubmit={submit} role="search">
        <label htmlFor="admin-account-search" className="sr-only">Search accounts by name or email</label>
        <input id="admin-account-search" type="search" placeholder="Name or email" value={query}
          onChange={(e) => setQuery(e.target.value)} data-testid="admin-account-search" />
        <button type="submit" className="btn small" data-testid="admin-account-search-submit">Search</button>
      </form>
      {accounts.loading && !accounts.data ? <Spinner /> : accounts.error ? <ErrorAlert error={accounts.error} />
        : !accounts.data?.items.length ? <Empty title="No account matches." testId="admin-accounts-empty" />
          : (
            <>
              <p className="small muted" aria-live="polite">{accounts.data.total} account{accounts.data.total === 1 ? '' : 's'}</p>
              <ul className="list" data-testid="admin-accounts">
                {accounts.data.items.map((account) => (
                  <AccountRow key={account.id} account={account} isMe={account.id === myId} onChanged={replace} onDeleted={accounts.reload} />
                ))}
              </ul>
              <Pager page={page} total={accounts.data.total} size={accounts.data.size} onPage={setPage} label="Accounts" />
            </>
          )}
    </>
  );
}

function AccountRow({ account, isMe, onChanged, onDeleted }: {
  account: AdminAccount; isMe: boolean; onChanged: (a: AdminAccount) => void; onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const toggle = useAction(async () => onChanged(await setAccountDisabled(account.id, !account.disabled)));
  const role = useAction(async (next: AdminRole) => onChanged(await changeRole(account.id, next)));
  const remove = useAction(async () => {
    await deleteAccount(account.id);
    onDeleted();
  });
  const error = toggle.error ?? role.error ?? remove.error;
  const roleId = `admin-role-${account.id}`;
  return (
    <li data-testid="admin-account" data-email={account.email}>
      <div className="spread">
        <div>
          <strong>{account.displayName}</strong>{isMe && <span className="small muted"> (you)</span>}{' '}
          {account.disabled
            ? <span className="badge danger" data-testid="admin-account-status">Disabled</span>
            : <span className="badge ok" data-testid="admin-account-status">Active</span>}
          <div className="small muted">
            {account.email}{account.role === 'teacher' && !account.emailVerified
              && <span className="badge warn" data-testid="admin-account-unconfirmed"> address not confirmed</span>}
          </div>
        </div>
        <div className="row admin-actions">
          <label htmlFor={roleId} className="sr-only">Role of {account.displayName}</label>
          <select id={roleId} value={account.role} disabled={role.busy} onChange={(e) => void role.run(e.target.value as AdminRole)}
            data-testid="admin-account-role">
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <button type="button" className="btn secondary small" disabled={toggle.busy} onClick={() => void toggle.run()}
            aria-label={`${account.disabled ? 'Enable' : 'Disable'} ${account.displayName}`} data-testid="admin-account-toggle">
            {account.disabled ? 'Enable' : 'Disable'}
          </button>
          <button type="button" className="btn danger small" onClick={() => setConfirming(true)}
            aria-label={`Delete ${account.displayName}`} data-testid="admin-account-delete">Delete</button>
        </div>
      </div>
      {confirming && (
        <div className="alert warn" role="alertdialog" aria-labelledby={`confirm-${account.id}`}>
          <p id={`confirm-${account.id}`}>
            Delete {account.displayName} ({account.email})? Their sign-in ends at once and their recordings and previews
            are removed per the storage policy. This cannot be undone.
          </p>
          <div className="row">
            <button type="button" className="btn danger small" disabled={remove.busy} onClick={() => void remove.run()}
              autoFocus data-testid="admin-account-delete-confirm">Delete for good</button>
            <button type="button" className="btn secondary small" onClick={() => setConfirming(false)}>Keep</button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} testId="admin-account-error" />
    </li>
  );
}

const STATE_BADGE: Record<string, string> = { pending: 'ok', used: '', expired: 'warn', revoked: 'danger' };

function InvitationsTab() {
  const [page, setPage] = useState(0);
  const invitations = useLoad(() => listInvitations(page), [page]);
  const [created, setCreated] = useState<{ link: string; expiresAt: string }>();
  const invite = useAction(async () => {
    setCreated(await inviteTeacher());
    invitations.reload();
  });
  return (
    <>
      <div className="spread">
        <h2>Invitations</h2>
        <button type="button" className="btn secondary small" disabled={invite.busy} onClick={() => void invite.run()}
          data-testid="admin-invite-teacher">Invite a teacher</button>
      </div>
      <ErrorAlert error={invite.error} />
      {created && (
        <div className="field">
          <p className="small">Send this link to the teacher (it is shown only now; valid until {when(created.expiresAt)}):</p>
          <CopyField value={created.link} label="Teacher invitation link" testId="admin-teacher-link" />
        </div>
      )}
      {invitations.loading && !invitations.data ? <Spinner /> : invitations.error ? <ErrorAlert error={invitations.error} />
        : !invitations.data?.items.length ? <Empty title="No invitations yet." />
          : (
            <>
              <ul className="list" data-testid="admin-invitations">
                {invitations.data.items.map((invitation) => (
                  <InvitationRow key={invitation.id} invitation={invitation} onRevoked={invitations.reload} />
                ))}
              </ul>
              <Pager page={page} total={invitations.data.total} size={invitations.data.size} onPage={setPage} label="Invitations" />
            </>
          )}
    </>
  );
}

function InvitationRow({ invitation, onRevoked }: { invitation: InvitationSummary; onRevoked: () => void }) {
  const revoke = useAction(async () => {
    await revokeInvitation(invitation.id);
    onRevoked();
  });
  const who = invitation.invitedByName ?? invitation.invitedBy;
  return (
    <li data-testid="admin-invitation" data-id={invitation.id} data-state={invitation.state} data-invited-by={who}>
      <div className="spread">
        <div>
          <strong>{invitation.role}</strong> invited by {who}{' '}
          <span className={`badge ${STATE_BADGE[invitation.state]}`} data-testid="admin-invitation-state">{invitation.state}</span>
          <div className="small muted">Made {when(invitation.createdAt)} · expires {when(invitation.expiresAt)}</div>
        </div>
        {invitation.state === 'pending' && (
          <button type="button" className="btn secondary small" disabled={revoke.busy} onClick={() => void revoke.run()}
            aria-label={`Revoke the ${invitation.role} invitation by ${who}`} data-testid="admin-invitation-revoke">Revoke</button>
        )}
      </div>
      <ErrorAlert error={revoke.error} />
    </li>
  );
}

function StorageTab() {
  const storage = useLoad(async () => {
    const answer = await storageUsage();
    if (answer.unavailable) return { answer, names: new Map<string, string>() };
    const owners = await accountsById(answer.usage.owners.map((o) => o.ownerId));
    return { answer, names: new Map(owners.map((a) => [a.id, `${a.displayName} (${a.email})`])) };
  }, []);
  if (storage.loading) return <Spinner />;
  if (storage.error) return <><h2>Storage</h2><ErrorAlert error={storage.error} /></>;
  const { answer, names } = storage.data!;
  if (answer.unavailable) {
    return (
      <>
        <h2>Storage</h2>
        <div className="alert info" role="status" data-testid="admin-storage-unavailable">
          Storage figures unavailable: this deployment's recordings service does not report usage yet.
        </div>
      </>
    );
  }
  const { usage } = answer;
  return (
    <>
      <h2>Storage</h2>
      <p data-testid="admin-storage-total">
        {formatBytes(usage.totalBytes)} used in all on {usage.media.kind} ({usage.media.location})
        {usage.media.freeBytes !== null && <>; {formatBytes(usage.media.freeBytes)} free
          {usage.media.totalBytes !== null && <> of {formatBytes(usage.media.totalBytes)}</>}</>}
        {usage.media.freeBytes === null && <>; free space is not known for this storage</>}.
      </p>
      {!usage.owners.length ? <Empty title="Nobody has stored anything yet." /> : (
        <ul className="list" data-testid="admin-storage-owners">
          {usage.owners.map((owner) => (
            <li key={owner.ownerId} data-testid="admin-storage-owner">
              <div className="spread">
                <strong>{names.get(owner.ownerId) ?? owner.ownerId}</strong>
                <span className={`badge ${owner.percent >= 95 ? 'danger' : owner.percent >= 80 ? 'warn' : 'ok'}`}>{owner.level}</span>
              </div>
              <div className="progress" role="progressbar" aria-label={`Storage used by ${names.get(owner.ownerId) ?? owner.ownerId}`}
                aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(owner.percent)}>
                <span style={{ width: `${Math.min(100, owner.percent)}%` }} />
              </div>
              <div className="small muted">
                {formatBytes(owner.usedBytes)} of {formatBytes(owner.quotaBytes)} ({Math.round(owner.percent)}%): replays {formatBytes(owner.replaysBytes)},
                previews {formatBytes(owner.previewsBytes)}, originals {formatBytes(owner.originalsBytes)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const POLICY_TEXT: Record<TeacherSignUp, string> = {
  open: 'Open: anyone may sign up as a teacher.',
  'verified-email': 'Verified email: anyone may sign up as a teacher, and creates lessons once they have followed the link mailed to their address.',
  'admin-invitation': 'By invitation: teachers sign up only through a link the admin made (Invitations tab).',
};

function SignUpTab() {
  const policy = useLoad(getSignUpPolicy, []);
  const [choice, setChoice] = useState<TeacherSignUp>();
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    if (!choice) return;
    policy.setData(await setSignUpPolicy(choice));
    setSaved(true);
  });
  if (policy.loading && !policy.data) return <Spinner />;
  if (policy.error) return <ErrorAlert error={policy.error} />;
  const current = policy.data!;
  const selected = choice ?? current.teacherSignUp;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  return (
    <form onSubmit={submit} data-testid="admin-signup-form">
      <h2>Teacher sign-up</h2>
      <p className="small muted">
        Students and observers always join through a teacher's invitation.{' '}
        {current.configuredDefault ? `This is the configured default (${current.defaultPolicy}).` : `Set here on ${when(current.updatedAt)}.`}
      </p>
      <fieldset className="stack">
        <legend className="sr-only">Who may sign up as a teacher</legend>
        {(Object.keys(POLICY_TEXT) as TeacherSignUp[]).map((value) => (
          <label key={value} className="switch">
            <input type="radio" name="teacher-sign-up" value={value} checked={selected === value}
              onChange={() => setChoice(value)} data-testid={`admin-signup-${value}`} />
            {POLICY_TEXT[value]}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={save.error} />
      {saved && <div className="alert ok" role="status">Saved.</div>}
      <button type="submit" className="btn" disabled={save.busy || selected === current.teacherSignUp} data-testid="admin-signup-save">Save</button>
    </form>
  );
}

function AuditTab() {
  const [page, setPage] = useState(0);
  const entries = useLoad(() => auditLog(page), [page]);
  return (
    <>
      <div className="spread">
        <h2>Audit log</h2>
        <button type="button" className="btn secondary small" onClick={entries.reload} data-testid="admin-audit-reload">Reload</button>
      </div>
      <p className="small muted">Every admin action, newest first, with who did it and how it ended. Entries are never changed or removed.</p>
      {entries.loading && !entries.data ? <Spinner /> : entries.error ? <ErrorAlert error={entries.error} />
        : !entries.data?.items.length ? <Empty title="No admin actions yet." />
          : (
            <>
              <ul className="list" data-testid="admin-audit">
                {entries.data.items.map((entry) => (
                  <li key={entry.id} data-testid="admin-audit-entry" data-action={entry.action} data-outcome={entry.outcome}
                    data-target={entry.targetLabel ?? entry.targetId ?? ''}>
                    <div className="spread">
                      <strong>{entry.action}</strong>
                      <span className={`badge ${entry.outcome === 'succeeded' ? 'ok' : 'danger'}`}>{entry.outcome}</span>
                    </div>
                    <div className="small">
                      {entry.targetType} {entry.targetLabel ?? entry.targetId ?? ''}{entry.detail ? ` — ${entry.detail}` : ''}
                    </div>
                    <div className="small muted"><time dateTime={entry.at}>{when(entry.at)}</time> by {entry.actorEmail}</div>
                  </li>
                ))}
              </ul>
              <Pager page={page} total={entries.data.total} size={entries.data.size} onPage={setPage} label="Audit log" />
            </>
          )}
    </>
  );
}
