package academy.muse.contracts.events;

import java.time.Instant;
import java.util.List;

/** Published by recordings. */
public final class RecordingEvents {

    private RecordingEvents() {
    }

    /**
     * One uploaded track or material, as stored in media storage.
     *
     * @param storageKey where the bytes are in media storage
     * @param startedAt  the track's start in server time; composition aligns tracks by it
     * @param partial    true when the browser vanished before finishing; the bytes are what arrived
     */
    public record Track(String uploadId, String participantId, String role, String mimeType, String storageKey,
                        long sizeBytes, String sha256, Instant startedAt, boolean partial) {
    }

    /**
     * @param kind               {@code lesson-track} (a whole lesson's tracks) or {@code material}
     * @param roomCode           the lesson's room; null for a material
     * @param lessonOccurrenceId the lesson; null for an instant room or a library material
     * @param ownerId            the teacher who owns the lesson or the material
     * @param viewerIds          accounts allowed to watch the result
     */
    public record RecordingCompleted(String recordingId, String kind, String roomCode, String lessonOccurrenceId,
                                     String ownerId, List<String> viewerIds, String title, List<Track> tracks) {
    }

    /**
     * An owner's stored bytes rose past a warning level of their quota ({@code percent} 80, 95 or 100). Published
     * once per level crossed upwards; falling below a level and rising again publishes it again.
     */
    public record StorageThresholdCrossed(String ownerId, int percent, long usedBytes, long quotaBytes) {
    }
}
