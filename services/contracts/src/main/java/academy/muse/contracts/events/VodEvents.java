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
    }

    public record VodFailed(String recordingId, String lessonOccurrenceId, String reason) {
    }
}
