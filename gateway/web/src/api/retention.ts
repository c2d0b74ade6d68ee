import { api } from './http';
import { listAssets } from './index';

/** How long a teacher's replays and previews are kept; null months keep them for ever. */
export interface RetentionPolicy {
  keepOriginals: boolean;
  replaysMonths: number | null;
  previewsMonths: number | null;
}

export async function getRetention(): Promise<RetentionPolicy> {
  return api<RetentionPolicy>('/api/vod/retention');
}

export async function saveRetention(policy: RetentionPolicy): Promise<RetentionPolicy> {
  return api<RetentionPolicy>('/api/vod/retention', { method: 'PUT', body: policy });
}

export { deleteAsset } from './index';

const FRESH_MS = 30_000;
let watchable: { loadedAt: number; ids: Promise<Set<string>> } | undefined;

/**
 * The ids of the assets the user may watch now, loaded once for a whole list of lessons (and again after 30 s):
 * the lesson history still names a replay its teacher deleted.
 */
export function watchableAssetIds(): Promise<Set<string>> {
  if (!watchable || Date.now() - watchable.loadedAt > FRESH_MS) {
    const ids = listAssets().then((assets) => new Set(assets.map((asset) => asset.id)));
    watchable = { loadedAt: Date.now(), ids };
    ids.catch(() => (watchable = undefined));
  }
  return watchable.ids;
}

/** Forgets the cached ids, after a deletion. */
export function forgetWatchableAssets(): void {
  watchable = undefined;
}
