import { useStorageUsage } from '../components/storage';

/**
 * Before a lesson starts, when the user's storage is 95 % full or more: what will happen to the recording. Shows
 * nothing otherwise, or when the usage cannot be loaded (joining never waits for it).
 */
export function StorageNotice() {
  const usage = useStorageUsage();
  if (!usage || (usage.level !== 'critical' && usage.level !== 'full')) return null;
  return (
    <div className="alert warn" role="status" data-testid="storage-notice" data-level={usage.level}>
      {usage.level === 'full' ? 'Your storage is full.' : `Your storage is ${usage.percent}% full.`} This lesson will still
      be recorded in full; new previews are refused until you free space.
    </div>
  );
}
