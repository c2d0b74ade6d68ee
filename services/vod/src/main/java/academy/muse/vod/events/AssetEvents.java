package academy.muse.vod.events;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.VodEvents.VodAssetReady;
import academy.muse.contracts.events.VodEvents.VodFailed;
import academy.muse.contracts.events.VodEvents.VodMediaRemoved;
import academy.muse.contracts.events.VodEvents.VodMediaStored;
import academy.muse.contracts.events.VodEvents.VodReplayVerified;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.packaging.PackageFiles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes {@code vod.asset-ready}, {@code vod.failed}, and for recordings' usage ledger {@code vod.media-stored},
 * {@code vod.media-removed} and {@code vod.replay-verified}. Event ids are derived from the recording or the asset,
 * so a job run again after a crash stores the same event once more, which the outbox keeps as one.
 */
@ApplicationScoped
public class AssetEvents {

    private final EventPublisher publisher;

    AssetEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * The paths name the files within the asset; a viewer gets playable URLs (with their own token) from
     * {@code POST /api/vod/assets/{id}/playback}.
     */
    public void ready(Asset asset) {
        String base = "/media/{token}/" + asset.id() + "/";
        publisher.publish(Events.VOD_ASSET_READY, VodAssetReady.eventId(asset.recordingId()), subject(asset.lessonOccurrenceId(), asset.id()),
                new VodAssetReady(asset.id(), asset.recordingId(), asset.kind(), asset.roomCode(),
                        asset.lessonOccurrenceId(), asset.ownerId(), asset.viewerIds(), asset.title(),
                        asset.durationSeconds(), base + PackageFiles.HLS_MASTER, base + PackageFiles.DASH_MANIFEST,
                        base + PackageFiles.POSTER));
    }

    public void failed(RecordingCompleted recording, String reason) {
        publisher.publish(Events.VOD_FAILED, VodFailed.eventId(recording.recordingId()),
                subject(recording.lessonOccurrenceId(), recording.recordingId()),
                new VodFailed(recording.recordingId(), recording.lessonOccurrenceId(), reason));
    }

    /** The asset's package now occupies {@code bytes} of its owner's storage. */
    public void mediaStored(Asset asset, long bytes) {
        publisher.publish(Events.VOD_MEDIA_STORED, VodMediaStored.eventId(asset.id()), asset.id(),
                new VodMediaStored(asset.id(), asset.ownerId(), asset.kind(), bytes));
    }

    /** The asset's package, {@code bytes} as counted when it was stored, is gone from media storage. */
    public void mediaRemoved(Asset asset, long bytes) {
        publisher.publish(Events.VOD_MEDIA_REMOVED, VodMediaRemoved.eventId(asset.id()), asset.id(),
                new VodMediaRemoved(asset.id(), asset.ownerId(), asset.kind(), bytes));
    }

    public void replayVerified(Asset asset, boolean keepOriginals) {
        publisher.publish(Events.VOD_REPLAY_VERIFIED, VodReplayVerified.eventId(asset.id()), asset.id(),
                new VodReplayVerified(asset.id(), asset.recordingId(), asset.ownerId(), keepOriginals));
    }

    /** Scheduling follows lessons: the subject is the lesson when there is one. */
    private static String subject(String lessonOccurrenceId, String fallback) {
        return lessonOccurrenceId != null ? lessonOccurrenceId : fallback;
    }
}
