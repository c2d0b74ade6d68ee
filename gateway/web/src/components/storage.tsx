import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatStorage, getStorageUsage, type StorageLevel, type StorageUsage } from '../api/storage';

/**
 * The signed-in user's storage, for warnings beside other content: undefined while loading and when recordings
 * cannot be reached (a warning that cannot load must not stand in the way of the page).
 */
export function useStorageUsage(enabled = true): StorageUsage | undefined {
  const [usage, setUsage] = useState<StorageUsage>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    getStorageUsage().then((u) => live && setUsage(u)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return usage;
}

const PARTS = [
  { key: 'originalsBytes', label: 'Originals', className: 'originals' },
  { key: 'replaysBytes', label: 'Replays', className: 'replays' },
  { key: 'previewsBytes', label: 'Previews', className: 'previews' },
] as const;

/** A bar of the quota split into originals, replays and previews, with the figures beneath. */
export function StorageBar({ usage }: { usage: StorageUsage }) {
  // Past the quota the bar is full and each part keeps its share of what is used.
  const scale = Math.max(usage.quotaBytes, usage.usedBytes, 1);
  return (
    <div className="stack" data-testid="storage-bar" data-level={usage.level}>
      <div className="storage-bar" role="meter" aria-label="Storage used" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.min(usage.percent, 100)} aria-valuetext={`${usage.percent}% used`}>
        {PARTS.map((part) => (
          <span key={part.key} className={part.className} style={{ width: `${(usage[part.key] / scale) * 100}%` }} />
        ))}
      </div>
      <p className="small" data-testid="storage-summary">
        {formatStorage(usage.usedBytes)} of {formatStorage(usage.quotaBytes)} used ({usage.percent}%)
      </p>
      <ul className="storage-legend small">
        {PARTS.map((part) => (
          <li key={part.key} data-testid={`storage-${part.className}`}>
            <span className={`swatch ${part.className}`} aria-hidden="true" /> {part.label}: {formatStorage(usage[part.key])}
          </li>
        ))}
      </ul>
    </div>
  );
}

const WARNINGS: Record<Exclude<StorageLevel, 'ok'>, { className: string; text: string }> = {
  warning: { className: 'warn', text: 'Your storage is more than 80% full.' },
  critical: { className: 'warn', text: 'Your storage is more than 95% full.' },
  full: { className: 'error', text: 'Your storage is full.' },
};

/** What happens at 100 %. */
const AT_FULL_STORAGE = 'Lessons will still be recorded in full; new previews are refused until you free space.';

/** The dashboard's banner from 80 % on; nothing below. */
export function StorageBanner({ usage }: { usage: StorageUsage | undefined }) {
  if (!usage || usage.level === 'ok') return null;
  const warning = WARNINGS[usage.level];
  return (
    <div className={`alert ${warning.className}`} role="status" data-testid="storage-banner" data-level={usage.level}>
      {warning.text} {formatStorage(usage.usedBytes)} of {formatStorage(usage.quotaBytes)} used. {AT_FULL_STORAGE}
      {' '}See what takes the space in <Link to="/settings">Settings</Link>.
    </div>
  );
}
