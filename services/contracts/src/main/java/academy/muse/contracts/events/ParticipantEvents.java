package academy.muse.contracts.events;

import java.time.Instant;

/** Published by signaling when a participant's connection to a room starts or ends. */
public final class ParticipantEvents {

    private ParticipantEvents() {
    }

    public record ParticipantJoined(String roomCode, String accountId, String role, String connectionId, Instant at) {
        /** Once per connection: a participant who reconnects joins again. */
        public static String eventId(String connectionId) {
            return EventIds.nameBased(Events.PARTICIPANT_JOINED.type() + "/" + connectionId);
        }
    }

    public record ParticipantLeft(String roomCode, String accountId, String role, String connectionId, Instant at) {
        public static String eventId(String connectionId) {
            return EventIds.nameBased(Events.PARTICIPANT_LEFT.type() + "/" + connectionId);
        }
    }
}
