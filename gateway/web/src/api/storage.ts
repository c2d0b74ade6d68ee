import { api } from './http';

/**
 * Storage usage from recordings (`/api/recordings/usage`, docs/storage.md). Responses are decoded defensively: a
 * missing or malformed number counts as 0 and the level follows from the percentage when the server names none
 * this app knows, so a page never shows a bar that contradicts its own warning.
 */

/** ok below 80 % of the quota, warning from 80 %, critical from 95 %, full from 100 %. */
export type StorageLevel = 'ok' | 'warning' | 'critical' | 'full';

export interface StorageUsage {
  quotaBytes: number;
  usedBytes: number;
  originalsBytes: number;
  replaysBytes: number;
  previewsBytes: number;
  /** The share of the quota used, rounded down; above 100 when lessons were recorded past the quota. */
  percent: number;
  level: StorageLevel;
}

export interface OwnerUsage extends StorageUsage {
  ownerId: string;
}

export interface MediaSpace {
  kind: 'filesystem' | 's3';
  /** Null where the storage cannot tell (a bucket). */
  freeBytes: number | null;
  totalBytes: number | null;
  location: string;
}

export interface StorageReport {
  owners: OwnerUsage[];
  totalBytes: number;
  media: MediaSpace;
}

const LEVELS: readonly StorageLevel[] = ['ok', 'warning', 'critical', 'full'];

type Json = Record<string, unknown>;
const bytes = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
const orNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null);

export function levelOf(percent: number): StorageLevel {
  if (percent >= 100) return 'full';
  if (percent >= 95) return 'critical';
  if (percent >= 80) return 'warning';
  return 'ok';
}

export function decodeStorageUsage(raw: unknown): StorageUsage {
  const u = (raw ?? {}) as Json;
  const originalsBytes = bytes(u.originalsBytes);
  const replaysBytes = bytes(u.replaysBytes);
  const previewsBytes = bytes(u.previewsBytes);
  const quotaBytes = bytes(u.quotaBytes);
  const usedBytes = typeof u.usedBytes === 'number' ? bytes(u.usedBytes) : originalsBytes + replaysBytes + previewsBytes;
  const percent = typeof u.percent === 'number' && Number.isFinite(u.percent) && u.percent >= 0 ? Math.floor(u.percent)
    : quotaBytes > 0 ? Math.floor((usedBytes * 100) / quotaBytes) : 0;
  const level = LEVELS.includes(u.level as StorageLevel) ? (u.level as StorageLevel) : levelOf(percent);
  return { quotaBytes, usedBytes, originalsBytes, replaysBytes, previewsBytes, percent, level };
}

export function decodeStorageReport(raw: unknown): StorageReport {
  const r = (raw ?? {}) as Json;
  const owners = (Array.isArray(r.owners) ? r.owners : []).map((o) => ({
    ...decodeStorageUsage(o),
    ownerId: typeof (o as Json)?.ownerId === 'string' ? ((o as Json).ownerId as string) : '',
  }));
  const m = (r.media ?? {}) as Json;
  return {
    owners,
    totalBytes: typeof r.totalBytes === 'number' ? bytes(r.totalBytes) : owners.reduce((sum, o) => sum + o.usedBytes, 0),
    media: {
      kind: m.kind === 's3' ? 's3' : 'filesystem',
      freeBytes: orNull(m.freeBytes),
      totalBytes: orNull(m.totalBytes),
      location: typeof m.location === 'string' ? m.location : '',
    },
  };
}

/** The signed-in user's own storage. */
export async function getStorageUsage(): Promise<StorageUsage> {
  return decodeStorageUsage(await api<unknown>('/api/recordings/usage'));
}

/** Every owner's storage and the media volume (admin only). */
export async function getStorageReport(): Promise<StorageReport> {
  return decodeStorageReport(await api<unknown>('/api/recordings/usage/owners'));
}

/** Bytes as people read them: 1.2 GB, 350 MB, 12 KB (powers of 1024, like the quota). */
export function formatStorage(value: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(size)} bytes`;
  return `${size >= 100 || Number.isInteger(size) ? Math.round(size) : size.toFixed(1)} ${units[unit]}`;
}
