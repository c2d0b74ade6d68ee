package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;

import java.time.Instant;
import java.util.List;

/**
 * A replay or a material as viewers know it: one per recording, {@code processing} until its package is complete,
 * then {@code ready} (or {@code failed} when packaging gave up).
 *
 * @param storagePrefix where the ready package lives in media storage; null until ready
 * @param viewerIds     who may watch besides the owner (the lesson's participants)
 * @param deletedAt     when its owner (or retention) deleted it: from then on nobody may watch it, and its media is
 *                      removed once the deletion grace period has passed; null while it is kept
 * @param scope         a material's audience among its owner's students; null when all of them may watch it
 */
public record Asset(String id, String recordingId, String kind, String title, String lessonOccurrenceId,
                    String roomCode, String ownerId, List<String> viewerIds, Status status, String storagePrefix,
                    double durationSeconds, int width, int height, int lowHeight, List<Track> tracks,
                    String failureReason, Instant createdAt, Instant readyAt, Instant deletedAt,
                    MaterialScope scope) {

    public static final String KIND_MATERIAL = "material";

    public enum Status { PROCESSING, READY, FAILED }

    /**
     * One participant's own recording, normalised to H.264/AAC MP4 and kept beside the lesson view.
     *
     * @param file     the file name within the package
     * @param remuxed  true when the video was copied as recorded, false when it was transcoded
     */
    public record Track(String participantId, String role, String file, boolean remuxed) {
    }

    public boolean isReady() {
        return status == Status.READY;
    }

    public boolean isMaterial() {
        return KIND_MATERIAL.equals(kind);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
