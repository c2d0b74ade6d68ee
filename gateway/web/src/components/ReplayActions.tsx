import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { deleteAsset, forgetWatchableAssets, watchableAssetIds } from '../api/retention';
import { ErrorAlert, useAction } from './ui';

/**
 * A past lesson's replay in the history: the Replay button, and for the teacher a Delete button that asks first.
 * A replay deleted before (here or elsewhere) shows as such instead of a button that would lead nowhere.
 */
export function ReplayActions({ assetId, canDelete }: { assetId: string; canDelete: boolean }) {
  const [available, setAvailable] = useState(true);
  const [deleted, setDeleted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    let live = true;
    // When the list cannot be loaded, the Replay button stays: the player says what is wrong.
    watchableAssetIds().then((ids) => live && setAvailable(ids.has(assetId))).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [assetId]);
  const remove = useAction(async () => {
    await deleteAsset(assetId);
    forgetWatchableAssets();
    setDeleted(true);
    setConfirming(false);
  });
  if (deleted || !available) {
    return <span className="badge" data-testid="replay-deleted">{deleted ? 'Replay deleted' : 'No replay'}</span>;
  }
  return (
    <div className="stack">
      <div className="row">
        <Link className="btn secondary small" to={`/library?play=${encodeURIComponent(assetId)}`} data-testid="replay">
          ▶ Replay
        </Link>
        {canDelete && (
          <button type="button" className="btn ghost small" onClick={() => setConfirming((c) => !c)}
            aria-expanded={confirming} data-testid="delete-replay">Delete…</button>
        )}
      </div>
      {confirming && (
        <div className="alert warn" role="alertdialog" aria-label="Delete this replay?" data-testid="delete-replay-panel">
          <p>Delete this replay? Nobody can watch it from now on, your student neither. Its video is removed for good
            after a grace period.</p>
          <ErrorAlert error={remove.error} />
          <div className="row">
            <button type="button" className="btn danger small" disabled={remove.busy} onClick={() => remove.run()}
              data-testid="delete-replay-confirm">{remove.busy ? 'Deleting…' : 'Delete replay'}</button>
            <button type="button" className="btn ghost small" onClick={() => setConfirming(false)}
              data-testid="delete-replay-keep">Keep it</button>
          </div>
        </div>
      )}
    </div>
  );
}
