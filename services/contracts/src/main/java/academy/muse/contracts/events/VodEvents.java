package academy.muse.contracts.events;

import java.util.List;

/** Published by vod. */
public final class VodEvents {

    private VodEvents() {
    }

    /**
     * @param hlsPath  the HLS master playlist under {@code /media}
     * @param dashPath the DASH manifest under {@code /media}
     */
    public record VodAssetReady(String assetId, String recordingId, String kind, String roomCode,
                                String lessonOccurrenceId, String ownerId, List<String> viewerIds,
                                String title, double durationSeconds, String hlsPath, String dashPath,
                                String posterPath) {
        public static String eventId(String recordingId) {
            return EventIds.nameBased("vod.asset-ready:" + recordingId);
        }
    }

    public record VodFailed(String recordingId, String lessonOccurrenceId, String reason) {
        public static String eventId(String recordingId) {
            return EventIds.nameBased("vod.failed:" + recordingId);
        }
    }

    /**
     * A package (a replay's or a material's) now occupies {@code bytes} of its owner's storage; recordings' usage
     * ledger counts it under {@code kind}.
     */
    public record VodMediaStored(String assetId, String ownerId, String kind, long bytes) {
        public static String eventId(String assetId) {
            return EventIds.nameBased("vod.media-stored:" + assetId);
        }
    }

    /** A package's bytes were removed from media storage (deletion or retention); the ledger gives them back. */
    public record VodMediaRemoved(String assetId, String ownerId, String kind, long bytes) {
        public static String eventId(String assetId) {
            return EventIds.nameBased("vod.media-removed:" + assetId);
        }
    }

    /**
     * A replay was packaged and its package checked playable end to end, so the lesson's original tracks are no
     * longer needed to watch it; recordings removes them after its grace period unless {@code keepOriginals}.
     */
    public record VodReplayVerified(String assetId, String recordingId, String ownerId, boolean keepOriginals) {
        public static String eventId(String assetId) {
            return EventIds.nameBased("vod.replay-verified:" + assetId);
        }
    }
}
