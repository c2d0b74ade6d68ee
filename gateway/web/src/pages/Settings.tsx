import { useState, type FormEvent } from 'react';
import { getMe, refreshSession, revokeCalendarFeed, rotateCalendarFeed, updateMe, type Account } from '../api';
import { changeEmail, deleteAccount, exportData } from '../api/rights';
import { AddressNotice } from '../components/AddressNotice';
import { CopyField, ErrorAlert, Field, fieldError, Spinner, useAction, useLoad } from '../components/ui';
import { RetentionCard } from '../components/RetentionCard';
import { ZoneSelect } from '../components/ZoneSelect';
import { useMe } from '../components/session';
import { StorageBar } from '../components/storage';
import { getStorageUsage } from '../api/storage';
import { formatTime } from '../lib/time';

export function SettingsPage() {
  const me = useLoad(getMe, []);
  const { isTeacher } = useMe();
  return (
    <>
      <div className="page-head"><h1>Settings</h1></div>
      <div className="grid">
        <div className="stack">
          {me.loading ? <div className="card"><Spinner /></div> : me.error ? <div className="card"><ErrorAlert error={me.error} /></div>
            : <ProfileForm key={me.data!.id} initialName={me.data!.displayName} initialZone={me.data!.zone} email={me.data!.email} />}
          {me.data && <EmailCard key={`email-${me.data.id}`} account={me.data} onChanged={me.setData} />}
          {me.data?.role === 'teacher' && <RetentionCard />}
        </div>
        <aside className="stack">
          {me.data && <RemindersCard key={`reminders-${me.data.id}`} initial={me.data.lessonReminders} />}
          <CalendarCard />
          {isTeacher && <StorageCard />}
          {me.data && <YourDataCard role={me.data.role} />}
        </aside>
      </div>
    </>
  );
}

function ProfileForm({ initialName, initialZone, email }: { initialName: string; initialZone: string; email: string }) {
  const [displayName, setDisplayName] = useState(initialName);
  const [zone, setZone] = useState(initialZone);
  const [saved, setSaved] = useState(false);
  const action = useAction(async () => {
    await updateMe({ displayName: displayName.trim(), zone });
    // The access token carries name and zone: a fresh one shows the change everywhere at once.
    await refreshSession();
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void action.run();
  };
  return (
    <form className="card" onSubmit={submit} data-testid="profile-form">
      <h2>Profile</h2>
      <p className="small muted">Signed in as {email}</p>
      <ErrorAlert error={action.error} testId="profile-error" />
      {saved && <div className="alert ok" role="status" data-testid="profile-saved">Saved.</div>}
      <Field label="Display name" htmlFor="settings-name" error={fieldError(action.error, 'displayName')}>
        <input id="settings-name" required maxLength={80} value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="settings-name" />
      </Field>
      <Field label="Time zone" htmlFor="settings-zone" hint={`It is ${formatTime(new Date(), zone)} there now. Lessons are shown to you in this zone.`}
        error={fieldError(action.error, 'zone')}>
        <ZoneSelect id="settings-zone" value={zone} onChange={setZone} testId="settings-zone" />
      </Field>
      <button type="submit" className="btn" disabled={action.busy} data-testid="settings-save">{action.busy ? 'Saving…' : 'Save'}</button>
    </form>
  );
}

function CalendarCard() {
  const [url, setUrl] = useState<string>();
  const [revoked, setRevoked] = useState(false);
  const rotate = useAction(async () => {
    setUrl(await rotateCalendarFeed());
    setRevoked(false);
  });
  const revoke = useAction(async () => {
    await revokeCalendarFeed();
    setUrl(undefined);
    setRevoked(true);
  });
  return (
    <section className="card" aria-labelledby="calendar-heading" data-testid="calendar-card">
      <h2 id="calendar-heading">Calendar feed</h2>
      <p className="small muted">Add your lessons to Google Calendar, Apple Calendar or Outlook with a private link. Keep it to
        yourself: anyone with the link sees your lessons.</p>
      <ErrorAlert error={rotate.error ?? revoke.error} testId="calendar-error" />
      {revoked && <div className="alert info small" role="status">The old link no longer works.</div>}
      {url ? (
        <div className="stack">
          <CopyField value={url} label="Calendar feed link" testId="calendar-url" />
          <p className="small muted">Making a new link stops the previous one.</p>
        </div>
      ) : null}
      <div className="row" style={{ marginTop: '0.75rem' }}>
        <button type="button" className="btn secondary small" disabled={rotate.busy} onClick={() => rotate.run()} data-testid="calendar-create">
          {url ? 'Make a new link' : 'Get my calendar link'}
        </button>
        <button type="button" className="btn ghost small" disabled={revoke.busy} onClick={() => revoke.run()} data-testid="calendar-revoke">
          Turn off
        </button>
      </div>
    </section>
  );
}

function StorageCard() {
  const usage = useLoad(getStorageUsage, []);
  return (
    <section className="card" aria-labelledby="storage-heading" data-testid="storage-card">
      <h2 id="storage-heading">Storage</h2>
      {usage.loading ? <Spinner /> : usage.error ? <ErrorAlert error={usage.error} testId="storage-error" /> : (
        <StorageBar usage={usage.data!} />
      )}
      <p className="small muted">Originals are your lessons' recorded tracks and your preview files as uploaded; a
        lesson's tracks are removed some days after its replay is ready. Replays and previews are what your students
        watch. At 100% lessons are still recorded in full, but new previews are refused until you free space.</p>
    </section>
  );
}

function RemindersCard({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const save = useAction(async (wanted: boolean) => setOn((await updateMe({ lessonReminders: wanted })).lessonReminders));
  return (
    <section className="card" aria-labelledby="reminders-heading" data-testid="reminders-card">
      <h2 id="reminders-heading">Lesson reminders</h2>
      <label className="switch">
        <input type="checkbox" checked={on} disabled={save.busy} onChange={(e) => void save.run(e.target.checked)}
          data-testid="settings-reminders" />
        Mail me a reminder a day and an hour before each lesson
      </label>
      <ErrorAlert error={save.error} testId="reminders-error" />
    </section>
  );
}

function EmailCard({ account, onChanged }: { account: Account; onChanged: (account: Account) => void }) {
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const change = useAction(async () => {
    onChanged(await changeEmail(newEmail.trim(), password));
    setNewEmail('');
    setPassword('');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.run();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="email-heading" data-testid="email-card">
      <h2 id="email-heading">Email address</h2>
      <p className="small">
        {account.email}{' '}
        {/* Only teachers are mailed a link at sign-up: a student's unconfirmed address is nothing to act on. */}
        {(account.emailVerified || account.role === 'teacher') && (
          <span className={`badge ${account.emailVerified ? 'ok' : 'warn'}`} data-testid="email-status">
            {account.emailVerified ? 'confirmed' : 'not confirmed'}
          </span>
        )}
      </p>
      {account.role === 'teacher' && <AddressNotice />}
      {account.pendingEmail && (
        <div className="alert info small" role="status" data-testid="email-pending">
          A link is on its way to {account.pendingEmail}. Your address changes once you open it; until then mail keeps
          going to {account.email}.
        </div>
      )}
      <ErrorAlert error={change.error} testId="email-error" />
      <Field label="New address" htmlFor="settings-new-email" error={fieldError(change.error, 'newEmail')}>
        <input id="settings-new-email" type="email" required maxLength={254} value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)} data-testid="settings-new-email" />
      </Field>
      <Field label="Your password" htmlFor="settings-email-password" error={fieldError(change.error, 'password')}>
        <input id="settings-email-password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} data-testid="settings-email-password" />
      </Field>
      <button type="submit" className="btn secondary" disabled={change.busy} data-testid="settings-email-change">
        {change.busy ? 'Sending…' : 'Send a confirmation link'}
      </button>
    </form>
  );
}

const DELETION_TEXT: Record<string, string> = {
  teacher: 'Your students lose you as their teacher at once and are no longer linked to you; your replays and preview '
    + 'videos are deleted (after a short grace period), and so are your lessons\' original recordings. Cancel your upcoming '
    + 'lessons first: they stay in your students\' calendars otherwise.',
  student: 'Your teachers and observers no longer see you; your own recordings are deleted after a short grace period, '
    + 'and you stop being able to watch the replays of your lessons.',
  observer: 'You stop following the lessons you observe.',
  admin: 'You lose access to the admin console. The last admin account cannot be deleted.',
};

function YourDataCard({ role }: { role: string }) {
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const download = useAction(async () => {
    const { fileName, json } = await exportData();
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  });
  const remove = useAction(() => deleteAccount(password));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void remove.run();
  };
  return (
    <section className="card" aria-labelledby="data-heading" data-testid="data-card">
      <h2 id="data-heading">Your data</h2>
      <p className="small muted">One file with your account, the people you are linked to, your invitations, your lessons and
        your replays and previews with links to play them (the links work for a limited time).</p>
      <ErrorAlert error={download.error} testId="export-error" />
      <button type="button" className="btn secondary small" disabled={download.busy} onClick={() => void download.run()}
        data-testid="export-data">{download.busy ? 'Preparing…' : 'Download my data'}</button>
      <h3>Delete my account</h3>
      <p className="small muted">{DELETION_TEXT[role] ?? ''} This cannot be undone.</p>
      {confirming ? (
        <form onSubmit={submit} data-testid="delete-account-form">
          <ErrorAlert error={remove.error} testId="delete-account-error" />
          <Field label="Your password" htmlFor="delete-password" error={fieldError(remove.error, 'password')}>
            <input id="delete-password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} data-testid="delete-password" />
          </Field>
          <div className="row">
            <button type="submit" className="btn danger small" disabled={remove.busy} data-testid="delete-account-confirm">
              {remove.busy ? 'Deleting…' : 'Delete my account for good'}
            </button>
            <button type="button" className="btn ghost small" onClick={() => setConfirming(false)}>Keep it</button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn ghost small" onClick={() => setConfirming(true)} data-testid="delete-account">
          Delete my account…
        </button>
      )}
    </section>
  );
}
