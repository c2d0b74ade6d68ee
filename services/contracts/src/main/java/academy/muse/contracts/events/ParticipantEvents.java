package academy.muse.contracts.events;

import java.time.Instant;

/** Published by signaling when a participant's connection to a room starts or ends. */
public final class ParticipantEvents {

    private ParticipantEvents() {
    }

    public record ParticipantJoined(String roomCode, String accountId, String role, String connectionId, Instant at) {
    }

    public record ParticipantLeft(String roomCode, String accountId, String role, String connectionId, Instant at) {
    }
}
