import { useState, type FormEvent } from 'react';
import { getRetention, saveRetention, type RetentionPolicy } from '../api/retention';
import { ErrorAlert, Field, fieldError, Spinner, useAction, useLoad } from './ui';

/** Settings, for teachers: how long replays and previews are kept, and whether lesson originals are kept too. */
export function RetentionCard() {
  const policy = useLoad(getRetention, []);
  return (
    <section className="card" aria-labelledby="retention-heading" data-testid="retention">
      <h2 id="retention-heading">Recordings and retention</h2>
      {policy.loading ? <Spinner /> : policy.error ? <ErrorAlert error={policy.error} />
        : <RetentionForm initial={policy.data!} />}
    </section>
  );
}

/** Empty means "for ever"; the server checks the range and says what is wrong. */
const months = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const text = (value: number | null): string => (value === null ? '' : String(value));

function RetentionForm({ initial }: { initial: RetentionPolicy }) {
  const [replays, setReplays] = useState(text(initial.replaysMonths));
  const [previews, setPreviews] = useState(text(initial.previewsMonths));
  const [keepOriginals, setKeepOriginals] = useState(initial.keepOriginals);
  const [saved, setSaved] = useState(false);
  const action = useAction(async () => {
    await saveRetention({ keepOriginals, replaysMonths: months(replays), previewsMonths: months(previews) });
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void action.run();
  };
  return (
    <form onSubmit={submit} data-testid="retention-form">
      <p className="small muted">Older replays and previews are deleted automatically; their videos are removed for
        good a few days later. Leave a field empty to keep them for ever.</p>
      <ErrorAlert error={action.error} testId="retention-error" />
      {saved && <div className="alert ok" role="status" data-testid="retention-saved">Saved.</div>}
      <Field label="Keep lesson replays (months)" htmlFor="retention-replays" error={fieldError(action.error, 'replaysMonths')}>
        <input id="retention-replays" type="number" min={1} max={1200} placeholder="for ever" value={replays}
          onChange={(e) => setReplays(e.target.value)} data-testid="retention-replays" />
      </Field>
      <Field label="Keep preview videos (months)" htmlFor="retention-previews" error={fieldError(action.error, 'previewsMonths')}>
        <input id="retention-previews" type="number" min={1} max={1200} placeholder="for ever" value={previews}
          onChange={(e) => setPreviews(e.target.value)} data-testid="retention-previews" />
      </Field>
      <label className="checks">
        <input type="checkbox" checked={keepOriginals} onChange={(e) => setKeepOriginals(e.target.checked)}
          data-testid="retention-keep-originals" /> Keep each lesson's original recordings after its replay is ready
        (they count against your storage)
      </label>
      <button type="submit" className="btn" disabled={action.busy} data-testid="retention-save">
        {action.busy ? 'Saving…' : 'Save'}</button>
    </form>
  );
}
