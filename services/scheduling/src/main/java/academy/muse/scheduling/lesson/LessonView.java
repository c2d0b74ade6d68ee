package academy.muse.scheduling.lesson;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;

/**
 * A lesson as the API returns it: its instants (UTC), the viewer's local times and each participant's.
 *
 * @param zone       the zone the lesson was booked in
 * @param local      the lesson in the viewer's zone
 * @param roomStatus {@code none} until the lead time, then {@code pending} until rooms issued it, then {@code ready}
 * @param replay     the lesson's replay once VOD packaged it, else null
 */
public record LessonView(String id, String seriesId, String title, String teacherId, List<String> studentIds,
                         LessonState state, RoomStatus roomStatus, String roomCode, String joinLink,
                         String roomIssueError, Instant startsAt, Instant endsAt, long durationMinutes, String zone,
                         LocalTimes local, List<ParticipantTimes> participants, ReplayView replay,
                         String cancelReason) {

    /** Start and end as wall-clock times (ISO-8601 with offset) in one zone. */
    public record LocalTimes(String zone, String startsAt, String endsAt, String weekday) {
    }

    /** @param zone the participant's own zone, or the lesson's zone when scheduling has not heard of theirs */
    public record ParticipantTimes(String accountId, String role, String zone, String startsAt, String endsAt) {
    }

    public record ReplayView(String assetId, String kind, String title, double durationSeconds) {
    }

    public enum RoomStatus {
        NONE("none"), PENDING("pending"), READY("ready");

        private final String wire;

        RoomStatus(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
