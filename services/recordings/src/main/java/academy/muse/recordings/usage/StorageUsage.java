package academy.muse.recordings.usage;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One owner's storage as the web app shows it: the quota, the sum and its three parts.
 *
 * @param percent the share of the quota used, rounded down; above 100 when lesson tracks passed the quota
 */
public record StorageUsage(long quotaBytes, long usedBytes, long originalsBytes, long replaysBytes, long previewsBytes,
                           long percent, Level level) {

    /** The warning a user sees: from 80 %, 95 % and 100 % of the quota. */
    public enum Level {
        OK, WARNING, CRITICAL, FULL;

        static Level of(long used, long quota) {
            return switch (StorageThresholds.levelReached(used, quota)) {
                case 100 -> FULL;
                case 95 -> CRITICAL;
                case 80 -> WARNING;
                default -> OK;
            };
        }

        @JsonValue
        public String label() {
            return name().toLowerCase();
        }
    }

    static StorageUsage of(Usage usage, long quota) {
        long used = usage == null ? 0 : usage.used();
        return new StorageUsage(quota, used, usage == null ? 0 : usage.reservedBytes, usage == null ? 0 : usage.replaysBytes,
                usage == null ? 0 : usage.previewsBytes, quota <= 0 ? 100 : Math.floorDiv(used * 100, quota),
                Level.of(used, quota));
    }
}
