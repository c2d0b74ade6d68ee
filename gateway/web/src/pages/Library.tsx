import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Upload } from 'tus-js-client';
import { listAssets, listLessons, playback, type VodAsset } from '../api';
import { tusAuthOptions, tusErrorMessage } from '../api/uploads';
import { Player } from '../components/Player';
import { useMe } from '../components/session';
import { Empty, ErrorAlert, Field, Spinner, useLoad } from '../components/ui';
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const current = assets.data?.find((a) => a.id === playing);
  const play = (asset: VodAsset) => {
    setParams({ play: asset.id });
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };
  const lessons = (assets.data ?? []).filter((a) => a.kind !== 'material');
  const materials = (assets.data ?? []).filter((a) => a.kind === 'material');
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
                  empty={me.isTeacher ? 'Upload a preview video for your students to study before the next lesson.' : 'Your teacher has not shared a preview video yet.'} />
                <AssetSection title="Lesson replays" assets={lessons} onPlay={play} testId="replays"
                  empty="Each lesson is recorded by itself; its replay appears here a few minutes after the lesson." />
              </>
            )}
        </div>
        {me.isTeacher && <aside><UploadCard onUploaded={assets.reload} /></aside>}
      </div>
    </>
  );
}

function AssetSection({ title, assets, onPlay, empty, testId }: {
  title: string; assets: VodAsset[]; onPlay: (a: VodAsset) => void; empty: string; testId: string;
}) {
  const me = useMe();
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {assets.length === 0 ? <Empty title="Nothing here yet." testId={`${testId}-empty`}><p>{empty}</p></Empty> : (
        <div className="assets">
          {assets.map((asset) => (
            <button key={asset.id} type="button" className="asset" onClick={() => onPlay(asset)} data-testid="asset"
              data-asset-id={asset.id} data-status={asset.state ?? 'ready'} aria-label={`Play ${asset.title}`}
              disabled={asset.state !== undefined && asset.state !== 'ready'}>
              <Poster asset={asset} />
              <div className="meta">
                <div style={{ fontWeight: 600 }}>{asset.title}</div>
                <div className="small muted">
                  {asset.durationSeconds ? formatDuration(asset.durationSeconds) : ''}
                  {asset.createdAt ? ` · ${formatDateTime(asset.createdAt, me.zone)}` : ''}
                </div>
              </div>
            </button>
          ))}
        </div>
      )}
    </section>
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

/** A teacher uploads a preview video (tus, resumable) and attaches it to a lesson or to the library. */
function UploadCard({ onUploaded }: { onUploaded: () => void }) {
  const lessons = useLoad(() => listLessons(), []);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [attach, setAttach] = useState('library');
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
    setProgress(0);
    const metadata: Record<string, string> = {
      kind: 'material',
      filename: file.name,
      filetype: file.type || 'video/mp4',
      title: title.trim() || file.name.replace(/\.[^.]+$/, ''),
    };
    if (attach !== 'library') metadata.lessonOccurrenceId = attach;
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
      <Field label="Attach to" htmlFor="upload-attach">
        <select id="upload-attach" value={attach} onChange={(e) => setAttach(e.target.value)} disabled={uploading} data-testid="upload-attach">
          <option value="library">My library (all my students)</option>
          {(lessons.data ?? []).filter((l) => l.state !== 'cancelled').slice(0, 20).map((l) => (
            <option key={l.id} value={l.id}>{l.title} · {new Date(l.startsAt).toLocaleString()}</option>
          ))}
        </select>
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
