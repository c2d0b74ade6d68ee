package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.platform.security.Caller;

import java.time.Instant;
import java.util.List;

/**
 * An asset as a viewer sees it.
 *
 * @param status {@code processing}, {@code ready} or {@code failed}
 * @param scope  a material's audience, shown to its owner only (students need not learn who else has it); null
 *               when every student of the owner may watch it
 */
public record AssetView(String id, String kind, String title, String lessonOccurrenceId, String roomCode,
                        String ownerId, String status, double durationSeconds, int width, int height,
                        List<TrackView> tracks, Instant createdAt, Instant readyAt, MaterialScope scope) {

    /** A participant's own recording within the asset. */
    public record TrackView(String participantId, String role, boolean remuxed) {
    }

    static AssetView of(Asset asset, Caller viewer) {
        return new AssetView(asset.id(), asset.kind(), asset.title(), asset.lessonOccurrenceId(), asset.roomCode(),
                asset.ownerId(), asset.status().name().toLowerCase(), asset.durationSeconds(), asset.width(),
                asset.height(), asset.tracks().stream()
                        .map(track -> new TrackView(track.participantId(), track.role(), track.remuxed())).toList(),
                asset.createdAt(), asset.readyAt(), AssetAccess.mayChange(asset, viewer) ? asset.scope() : null);
    }
}
