package academy.muse.rooms.room;

import java.time.Instant;
import java.util.List;

/** A room as its participants see it. */
public record RoomView(String code, String joinLink, String kind, String lessonOccurrenceId, String title,
                       Instant opensAt, Instant startsAt, Instant endsAt, Instant closesAt, String state,
                       String yourRole, List<Participant> participants, Instant serverTime) {

    public record Participant(String accountId, String role, String displayName) {
    }
}
