import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Upload } from 'tus-js-client';
import {
  deleteAsset, listAssets, listLessons, playback, renameAsset, scopeAsset, type Lesson, type VodAsset,
} from '../api';
import { tusAuthOptions, tusErrorMessage } from '../api/uploads';
import { NO_PEOPLE, loadPeople, type People } from '../components/people';
import { Player } from '../components/Player';
import { ScopeChooser } from '../components/ScopeChooser';
import { useMe } from '../components/session';
import { Empty, ErrorAlert, Field, Spinner, useAction, useLoad } from '../components/ui';
import { choiceOf, describeScope, resolveScope, scopeMetadata, type ScopeChoice } from '../lib/previewScope';
import { formatDateTime, formatDuration } from '../lib/time';

const REFRESH_MS = 20_000;

export function LibraryPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const playing = params.get('play');
  const assets = useLoad(() => listAssets(), []);
  useEffect(() => {
    // Newly packaged replays and previews appear without a reload.
    const timer = setInterval(assets.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [assets.reload]);
  const current = assets.data?.find((a) => a.id === playing);
  const play = (asset: VodAsset) => {
    setParams({ play: asset.id });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };
  const lessons = (assets.data ?? []).filter((a) => a.kind !== 'material');
  const materials = (assets.data ?? []).filter((a) => a.kind === 'material');
  // What a teacher needs to scope previews: their upcoming lessons (and so their series) and their students.
  const schedule = useLoad(() => (me.isTeacher ? listLessons() : Promise.resolve([])), [me.isTeacher]);
  const people = useLoad(() => (me.isTeacher ? loadPeople() : Promise.resolve(NO_PEOPLE)), [me.isTeacher]);
  const teacher: TeacherContext | undefined = me.isTeacher
    ? { lessons: schedule.data ?? [], people: people.data ?? NO_PEOPLE, zone: me.zone } : undefined;
  const changed = (updated: VodAsset) => assets.setData((all) => all?.map((a) => (a.id === updated.id ? updated : a)));
  const deleted = (gone: VodAsset) => {
    assets.setData((all) => all?.filter((a) => a.id !== gone.id));
    if (playing === gone.id) setParams({});
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Library</h1>
          <p className="muted">Replays of your lessons and your teacher&rsquo;s preview videos. Slow them down to practise.</p>
        </div>
      </div>
      <div className={me.isTeacher ? 'grid' : ''}>
        <div className="stack">
          {playing && <Player key={playing} assetId={playing} title={current?.title ?? 'Replay'} />}
          {assets.loading && !assets.data ? <div className="card"><Spinner /></div>
            : assets.error ? <div className="card"><ErrorAlert error={assets.error} /></div> : (
              <>
                <AssetSection title="Preview videos" assets={materials} onPlay={play} testId="materials"
                  teacher={teacher} onChanged={changed} onDeleted={deleted}
                  empty={me.isTeacher ? 'Upload a preview video for your students to study before the next lesson.' : 'Your teacher has not shared a preview video yet.'} />
                <AssetSection title="Lesson replays" assets={lessons} onPlay={play} testId="replays"
                  empty="Each lesson is recorded by itself; its replay appears here a few minutes after the lesson." />
              </>
            )}
        </div>
        {teacher && <aside><UploadCard teacher={teacher} onUploaded={assets.reload} /></aside>}
      </div>
    </>
  );
}

/** What a teacher's library knows besides the assets: to offer and to name a preview's scope. */
interface TeacherContext {
  lessons: Lesson[];
  people: People;
  zone: string;
}

function AssetSection({ title, assets, onPlay, empty, testId, teacher, onChanged, onDeleted }: {
  title: string; assets: VodAsset[]; onPlay: (a: VodAsset) => void; empty: string; testId: string;
  /** Set where the teacher manages their previews: scope, rename, delete. */
  teacher?: TeacherContext; onChanged?: (a: VodAsset) => void; onDeleted?: (a: VodAsset) => void;
}) {
  const me = useMe();
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {assets.length === 0 ? <Empty title="Nothing here yet." testId={`${testId}-empty`}><p>{empty}</p></Empty> : (
        <div className="assets">
          {assets.map((asset) => (
            <div key={asset.id} className="asset-item" data-testid="asset-item" data-asset-id={asset.id}>
              <button type="button" className="asset" onClick={() => onPlay(asset)} data-testid="asset"
                data-asset-id={asset.id} data-status={asset.state ?? 'ready'} aria-label={`Play ${asset.title}`}
                disabled={asset.state !== undefined && asset.state !== 'ready'}>
                <Poster asset={asset} />
                <div className="meta">
                  <div style={{ fontWeight: 600 }} data-testid="asset-title">{asset.title}</div>
                  <div className="small muted">
                    {asset.durationSeconds ? formatDuration(asset.durationSeconds) : ''}
                    {asset.createdAt ? ` · ${formatDateTime(asset.createdAt, me.zone)}` : ''}
                  </div>
                </div>
              </button>
              {teacher && asset.ownerId === me.id && (
                <PreviewTools asset={asset} teacher={teacher} onChanged={(a) => onChanged?.(a)} onDeleted={() => onDeleted?.(asset)} />
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * A teacher's controls under one of their previews: who sees it (and changing that), rename in place, and delete
 * after a confirmation, since students lose it at once.
 */
function PreviewTools({ asset, teacher, onChanged, onDeleted }: {
  asset: VodAsset; teacher: TeacherContext; onChanged: (a: VodAsset) => void; onDeleted: () => void;
}) {
  const [mode, setMode] = useState<'view' | 'rename' | 'scope' | 'delete'>('view');
  const [title, setTitle] = useState(asset.title);
  const [choice, setChoice] = useState<ScopeChoice>(choiceOf(asset.scope));
  const action = useAction(async (work: () => Promise<void>) => work());
  const open = (next: typeof mode) => {
    action.setError(undefined);
    setTitle(asset.title);
    setChoice(choiceOf(asset.scope));
    setMode(next);
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(async () => onChanged(await renameAsset(asset.id, title.trim())))) setMode('view');
  };
  const rescope = async () => {
    if (await action.run(async () => onChanged(await scopeAsset(asset.id, resolveScope(choice, teacher.lessons))))) setMode('view');
  };
  const remove = async () => {
    if (await action.run(async () => deleteAsset(asset.id))) onDeleted();
  };
  return (
    <div className="asset-tools">
      <div className="small" data-testid="asset-scope">
        <span className="muted">Who sees it: </span>
        {describeScope(asset.scope, teacher.people.name, teacher.lessons, teacher.zone)}
      </div>
      {mode === 'view' && (
        <div className="row">
          <button type="button" className="btn small secondary" onClick={() => open('rename')} data-testid="asset-rename">Rename</button>
          <button type="button" className="btn small secondary" onClick={() => open('scope')} data-testid="asset-edit-scope">Who sees it</button>
          <button type="button" className="btn small ghost" onClick={() => open('delete')} data-testid="asset-delete">Delete</button>
        </div>
      )}
      {mode === 'rename' && (
        <form className="row" onSubmit={rename} aria-label={`Rename ${asset.title}`}>
          <input value={title} maxLength={200} required aria-label="New title" autoFocus disabled={action.busy}
            onChange={(e) => setTitle(e.target.value)} data-testid="asset-rename-input" />
          <button type="submit" className="btn small" disabled={action.busy || !title.trim()} data-testid="asset-rename-save">Save</button>
          <button type="button" className="btn small ghost" onClick={() => setMode('view')}>Cancel</button>
        </form>
      )}
      {mode === 'scope' && (
        <div className="stack">
          <ScopeChooser id={`asset-scope-${asset.id}`} value={choice} onChange={setChoice} lessons={teacher.lessons}
            students={teacher.people.relations.students} zone={teacher.zone} disabled={action.busy} />
          <div className="row">
            <button type="button" className="btn small" onClick={rescope} disabled={action.busy} data-testid="asset-scope-save">Save</button>
            <button type="button" className="btn small ghost" onClick={() => setMode('view')}>Cancel</button>
          </div>
        </div>
      )}
      {mode === 'delete' && (
        <div className="dialog-backdrop">
          <div className="card dialog" role="alertdialog" aria-modal="true" aria-labelledby={`delete-${asset.id}`}
            data-testid="asset-delete-dialog">
            <h2 id={`delete-${asset.id}`}>Delete “{asset.title}”?</h2>
            <p>Your students lose it at once: it leaves their library and stops playing. The video itself is removed
              from storage a little later.</p>
            <ErrorAlert error={action.error} testId="asset-delete-error" />
            <div className="row">
              <button type="button" className="btn danger" onClick={remove} disabled={action.busy} autoFocus
                data-testid="asset-delete-confirm">Delete for everyone</button>
              <button type="button" className="btn ghost" onClick={() => setMode('view')} disabled={action.busy}
                data-testid="asset-delete-cancel">Keep it</button>
            </div>
          </div>
        </div>
      )}
      {mode !== 'delete' && <ErrorAlert error={action.error} testId="asset-error" />}
    </div>
  );
}

/**
 * The asset's poster image (drawn by vod from the lesson view) behind the play sign. Its URL is signed like every
 * media URL, so it comes from the same playback call the player makes; an asset still being prepared has none.
 */
function Poster({ asset }: { asset: VodAsset }) {
  const ready = asset.state === undefined || asset.state === 'ready';
  const [image, setImage] = useState<string>();
  useEffect(() => {
    if (!ready) return;
    let current = true;
    playback(asset.id).then((urls) => current && setImage(urls.poster)).catch(() => undefined);
    return () => {
      current = false;
    };
  }, [asset.id, ready]);
  return (
    <div className="poster" style={image ? { backgroundImage: `url("${image}")` } : undefined} data-testid="asset-poster"
      data-has-image={image ? 'true' : 'false'}>
      {asset.state === 'processing' ? <span className="badge">Being prepared…</span>
        : asset.state === 'failed' ? <span className="badge danger">Could not be prepared</span> : <span className="play">▶</span>}
    </div>
  );
}

/** A teacher uploads a preview video (tus, resumable) for all their students, some of them, a series or a lesson. */
function UploadCard({ teacher, onUploaded }: { teacher: TeacherContext; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [choice, setChoice] = useState<ScopeChoice>({ kind: 'all' });
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const upload = useRef<Upload | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(undefined);
    setDone(false);
    let scope;
    try {
      scope = resolveScope(choice, teacher.lessons);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    setProgress(0);
    const metadata: Record<string, string> = {
      kind: 'material',
      filename: file.name,
      filetype: file.type || 'video/mp4',
      title: title.trim() || file.name.replace(/\.[^.]+$/, ''),
      ...scopeMetadata(scope),
    };
    const tus = new Upload(file, {
      ...tusAuthOptions(),
      metadata,
      chunkSize: 8 * 1024 * 1024,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => setProgress(total ? Math.floor((sent / total) * 100) : 0),
      onError: (e) => {
        setError(tusErrorMessage(e));
        setProgress(null);
      },
      onSuccess: () => {
        setProgress(100);
        setDone(true);
        setFile(null);
        setTitle('');
        if (fileInput.current) fileInput.current.value = '';
        onUploaded();
      },
    });
    upload.current = tus;
    // An upload of the same file that a reload interrupted continues where it stopped.
    const previous = await tus.findPreviousUploads();
    if (previous.length) tus.resumeFromPreviousUpload(previous[0]);
    tus.start();
  };
  const cancel = async () => {
    await upload.current?.abort(true).catch(() => undefined);
    setProgress(null);
  };
  const uploading = progress !== null && !done;
  return (
    <form className="card" onSubmit={start} aria-labelledby="upload-heading" data-testid="upload-form">
      <h2 id="upload-heading">Upload a preview video</h2>
      <p className="small muted">Your students can watch it before the lesson. Large files are fine: an interrupted upload continues where it stopped.</p>
      {error && <div className="alert error" role="alert" data-testid="upload-error">{error}</div>}
      {done && <div className="alert ok" role="status" data-testid="upload-done">Uploaded. It appears in the library once it is prepared for playback.</div>}
      <Field label="Video file" htmlFor="upload-file">
        <input ref={fileInput} id="upload-file" type="file" accept="video/*" required disabled={uploading}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="upload-file" />
      </Field>
      <Field label="Title" htmlFor="upload-title">
        <input id="upload-title" maxLength={200} value={title} placeholder="e.g. Bach Partita No. 2, slow" disabled={uploading}
          onChange={(e) => setTitle(e.target.value)} data-testid="upload-title" />
      </Field>
      <Field label="Who sees it" htmlFor="upload" hint="Only these students and their observers see it; you can change it later.">
        <ScopeChooser id="upload" value={choice} onChange={setChoice} lessons={teacher.lessons}
          students={teacher.people.relations.students} zone={teacher.zone} disabled={uploading} />
      </Field>
      {progress !== null && (
        <div style={{ marginBottom: '0.75rem' }}>
          <div className="progress" role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100}
            aria-valuenow={progress} data-testid="upload-progress"><span style={{ width: `${progress}%` }} /></div>
          <div className="small muted" data-testid="upload-percent">{progress}%</div>
        </div>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={!file || uploading} data-testid="upload-submit">
          {uploading ? 'Uploading…' : 'Upload'}
        </button>
        {uploading && <button type="button" className="btn ghost" onClick={cancel} data-testid="upload-cancel">Cancel</button>}
      </div>
    </form>
  );
}
