package academy.muse.vod.asset;

import java.time.Instant;
import java.util.List;

/**
 * An asset as a viewer sees it.
 *
 * @param status {@code processing}, {@code ready} or {@code failed}
 */
public record AssetView(String id, String kind, String title, String lessonOccurrenceId, String roomCode,
                        String ownerId, String status, double durationSeconds, int width, int height,
                        List<TrackView> tracks, Instant createdAt, Instant readyAt) {

    /** A participant's own recording within the asset. */
    public record TrackView(String participantId, String role, boolean remuxed) {
    }

    static AssetView of(Asset asset) {
        return new AssetView(asset.id(), asset.kind(), asset.title(), asset.lessonOccurrenceId(), asset.roomCode(),
                asset.ownerId(), asset.status().name().toLowerCase(), asset.durationSeconds(), asset.width(),
                asset.height(), asset.tracks().stream()
                        .map(track -> new TrackView(track.participantId(), track.role(), track.remuxed())).toList(),
                asset.createdAt(), asset.readyAt());
    }
}
