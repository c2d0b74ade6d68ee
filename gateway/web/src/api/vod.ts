/** vod's API (/api/vod): replays and preview videos, their audience, and playback links. */
import { api } from './http';
import { listOf, literal, mapped, num, optional, record, str } from './decode';

export interface VodAsset {
  id: string;
  title: string;
  kind: 'lesson' | 'material' | string;
  /** The teacher who owns it: only they rename, scope or delete it. */
  ownerId?: string;
  durationSeconds?: number;
  lessonOccurrenceId?: string;
  createdAt?: string;
  /** processing, ready or failed. */
  state?: string;
  /** A material's audience, as its owner sees it; undefined for everyone else and for "all my students". */
  scope?: PreviewScope;
}

/** Whom a preview video is for, among its teacher's students; the series or lesson is resolved to its students. */
export interface PreviewScope {
  kind: 'students' | 'series' | 'lesson';
  seriesId?: string;
  lessonOccurrenceId?: string;
  studentIds: string[];
}

export interface Playback {
  hls?: string;
  dash?: string;
  poster?: string;
}

export const SCOPE_KINDS = ['students', 'series', 'lesson'] as const;

/** MaterialScope, as the owner of a preview sees it. */
export const decodePreviewScope = mapped(
  record({
    kind: literal(SCOPE_KINDS),
    seriesId: optional(str),
    lessonOccurrenceId: optional(str),
    studentIds: listOf(str),
  }),
  (scope): PreviewScope => scope,
);

/** AssetView. */
export const decodeAsset = mapped(
  record({
    id: str,
    title: str,
    kind: str,
    ownerId: optional(str),
    durationSeconds: optional(num),
    lessonOccurrenceId: optional(str),
    createdAt: optional(str),
    status: str,
    scope: optional(decodePreviewScope),
  }),
  ({ status, ...asset }): VodAsset => ({ ...asset, state: status }),
);
export const decodeAssets = listOf(decodeAsset);

/** PlaybackUrls. */
export const decodePlayback = record({ hls: optional(str), dash: optional(str), poster: optional(str) });

export async function listAssets(filter: { lesson?: string } = {}): Promise<VodAsset[]> {
  const query = filter.lesson ? `?lesson=${encodeURIComponent(filter.lesson)}` : '';
  return decodeAssets(await api(`/api/vod/assets${query}`), 'assets');
}

export async function renameAsset(assetId: string, title: string): Promise<VodAsset> {
  return decodeAsset(await api(`/api/vod/assets/${encodeURIComponent(assetId)}`, { method: 'PATCH', body: { title } }), 'asset');
}

/** Sets whom a preview is for; null gives it back to all the teacher's students. */
export async function scopeAsset(assetId: string, scope: PreviewScope | null): Promise<VodAsset> {
  return decodeAsset(await api(`/api/vod/assets/${encodeURIComponent(assetId)}`,
    { method: 'PATCH', body: { scope: scope ?? { kind: 'all' } } }), 'asset');
}

/** Deletes a replay or preview for everyone at once (owner or admin); its video is removed after the grace period. */
export async function deleteAsset(assetId: string): Promise<void> {
  await api(`/api/vod/assets/${encodeURIComponent(assetId)}`, { method: 'DELETE' });
}

export async function playback(assetId: string): Promise<Playback> {
  return decodePlayback(await api(`/api/vod/assets/${encodeURIComponent(assetId)}/playback`, { method: 'POST' }), 'playback');
}
