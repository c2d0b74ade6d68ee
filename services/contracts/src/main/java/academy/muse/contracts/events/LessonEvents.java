package academy.muse.contracts.events;

import java.time.Instant;
import java.util.List;

/** Published by scheduling. */
public final class LessonEvents {

    private LessonEvents() {
    }

    public record LessonScheduled(String occurrenceId, String seriesId, String teacherId, List<String> studentIds,
                                  Instant startsAt, Instant endsAt) {
        /** Once per revision of the lesson: a changed lesson is announced again. */
        public static String eventId(String occurrenceId, int revision) {
            return "lesson.scheduled:" + occurrenceId + ":" + revision;
        }
    }

    public record LessonCancelled(String occurrenceId, String seriesId, String teacherId, String reason) {
        public static String eventId(String occurrenceId) {
            return "lesson.cancelled:" + occurrenceId;
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
