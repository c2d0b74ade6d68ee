import { useState, type FormEvent } from 'react';
import { getMe, refreshSession, revokeCalendarFeed, rotateCalendarFeed, updateMe } from '../api';
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
          {me.data?.role === 'teacher' && <RetentionCard />}
        </div>
        <aside className="stack">
          <CalendarCard />
          {isTeacher && <StorageCard />}
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
