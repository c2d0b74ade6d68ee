package academy.muse.contracts.events;

import java.time.Instant;
import java.util.List;

/** Published by rooms. */
public final class RoomEvents {

    private RoomEvents() {
    }

    public record Participant(String accountId, String role) {
    }

    /**
     * @param lessonOccurrenceId null for an instant room
     */
    public record RoomOpened(String roomCode, String lessonOccurrenceId, List<Participant> participants,
                             Instant opensAt, Instant startsAt, Instant endsAt) {
        public static String eventId(String roomCode) {
            return "room-opened-" + roomCode;
        }
    }

    /**
     * @param attended the accounts that joined at least once; empty when nobody came (a missed lesson)
     * @param reason   {@code ended} (end plus grace passed) or {@code empty} (nobody there for a while)
     */
    public record RoomClosed(String roomCode, String lessonOccurrenceId, List<Participant> participants,
                             List<String> attended, Instant closedAt, String reason) {
        public static String eventId(String roomCode) {
            return "room-closed-" + roomCode;
        }
    }
}
