package academy.muse.contracts.events;

import java.time.Instant;
import java.util.List;

/** Published by scheduling. */
public final class LessonEvents {

    private LessonEvents() {
    }

    public record LessonScheduled(String occurrenceId, String seriesId, String teacherId, List<String> studentIds,
                                  Instant startsAt, Instant endsAt) {
    }

    public record LessonCancelled(String occurrenceId, String seriesId, String teacherId, String reason) {
    }

    public record LessonRoomReady(String occurrenceId, String roomCode, String joinLink, Instant startsAt, Instant endsAt) {
    }

    public record LessonCompleted(String occurrenceId, String roomCode, Instant endedAt) {
    }
}
