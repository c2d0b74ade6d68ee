package academy.muse.vod.events;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.VodEvents.VodAssetReady;
import academy.muse.contracts.events.VodEvents.VodFailed;
import academy.muse.contracts.outbox.EventPublisher;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.packaging.PackageFiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Publishes {@code vod.asset-ready} and {@code vod.failed}. Event ids are derived from the recording, so a job run
 * again after a crash stores the same event once more, which the outbox keeps as one.
 */
@ApplicationScoped
public class AssetEvents {

    private final EventPublisher publisher;

    AssetEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public static String readyEventId(String recordingId) {
        return derivedId("vod.asset-ready", recordingId);
    }

    public static String failedEventId(String recordingId) {
        return derivedId("vod.failed", recordingId);
    }

    /**
     * The paths name the files within the asset; a viewer gets playable URLs (with their own token) from
     * {@code POST /api/vod/assets/{id}/playback}.
     */
    public void ready(Asset asset) {
        String base = "/media/{token}/" + asset.id() + "/";
        publisher.publish(Events.VOD_ASSET_READY, readyEventId(asset.recordingId()), subject(asset.lessonOccurrenceId(), asset.id()),
                new VodAssetReady(asset.id(), asset.recordingId(), asset.kind(), asset.roomCode(),
                        asset.lessonOccurrenceId(), asset.ownerId(), asset.viewerIds(), asset.title(),
                        asset.durationSeconds(), base + PackageFiles.HLS_MASTER, base + PackageFiles.DASH_MANIFEST,
                        base + PackageFiles.POSTER));
    }

    public void failed(RecordingCompleted recording, String reason) {
        publisher.publish(Events.VOD_FAILED, failedEventId(recording.recordingId()),
                subject(recording.lessonOccurrenceId(), recording.recordingId()),
                new VodFailed(recording.recordingId(), recording.lessonOccurrenceId(), reason));
    }

    /** Scheduling follows lessons: the subject is the lesson when there is one. */
    private static String subject(String lessonOccurrenceId, String fallback) {
        return lessonOccurrenceId != null ? lessonOccurrenceId : fallback;
    }

    private static String derivedId(String type, String recordingId) {
        return UUID.nameUUIDFromBytes((type + ":" + recordingId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
