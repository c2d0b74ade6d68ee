package academy.muse.rooms.room;

import java.time.Instant;
import java.util.List;

/**
 * A room as its participants see it.
 *
 * @param closesAt  when the room closes: the booked end plus grace plus any extension
 * @param extension how far the teacher has extended it, by what step, and up to what limit
 */
public record RoomView(String code, String joinLink, String kind, String lessonOccurrenceId, String title,
                       Instant opensAt, Instant startsAt, Instant endsAt, Instant closesAt, String state,
                       String yourRole, List<Participant> participants, Instant serverTime, Extension extension) {

    /** Minutes beyond the booked end: extended so far, per request, and at most. */
    public record Extension(long minutes, long stepMinutes, long maxMinutes) {
    }

    public record Participant(String accountId, String role, String displayName) {
    }
}
