package academy.muse.contracts.events;

import java.time.Instant;
import java.util.List;

/** Published by scheduling. */
public final class LessonEvents {

    private LessonEvents() {
    }

    /**
     * A lesson was booked, or moved (the same occurrence again with a higher {@code sequence}).
     *
     * @param title    what the teacher called it (may be null in events published before it was carried)
     * @param sequence the lesson's revision, its RFC 5545 SEQUENCE: a consumer keeps the highest it has seen
     * @param reason   why the teacher moved it, as they wrote it; null for a new lesson or when none was given
     */
    public record LessonScheduled(String occurrenceId, String seriesId, String teacherId, List<String> studentIds,
                                  Instant startsAt, Instant endsAt, String title, int sequence, String reason) {

        public LessonScheduled(String occurrenceId, String seriesId, String teacherId, List<String> studentIds,
                               Instant startsAt, Instant endsAt) {
            this(occurrenceId, seriesId, teacherId, studentIds, startsAt, endsAt, null, 0, null);
        }

        /** Once per revision of the lesson: a changed lesson is announced again. */
        public static String eventId(String occurrenceId, int revision) {
            return "lesson.scheduled:" + occurrenceId + ":" + revision;
        }
    }

    /** @param sequence the lesson's revision after the cancellation, its RFC 5545 SEQUENCE */
    public record LessonCancelled(String occurrenceId, String seriesId, String teacherId, String reason, int sequence) {

        public LessonCancelled(String occurrenceId, String seriesId, String teacherId, String reason) {
            this(occurrenceId, seriesId, teacherId, reason, 0);
        }

        public static String eventId(String occurrenceId) {
            return "lesson.cancelled:" + occurrenceId;
        }
    }

    /** A packaged recording of the lesson was attached to it as a replay (one event per asset). */
    public record LessonReplayReady(String occurrenceId, String assetId, String kind, String title) {
        /** Once per lesson and asset, however often the asset's readiness is delivered. */
        public static String eventId(String occurrenceId, String assetId) {
            return "lesson.replay-ready:" + occurrenceId + ":" + assetId;
        }
    }

    public record LessonRoomReady(String occurrenceId, String roomCode, String joinLink, Instant startsAt, Instant endsAt) {
        public static String eventId(String occurrenceId) {
            return "lesson.room-ready:" + occurrenceId;
        }
    }

    public record LessonCompleted(String occurrenceId, String roomCode, Instant endedAt) {
        public static String eventId(String occurrenceId) {
            return "lesson.completed:" + occurrenceId;
        }
    }
}
