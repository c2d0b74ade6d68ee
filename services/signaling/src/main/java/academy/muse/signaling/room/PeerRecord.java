package academy.muse.signaling.room;

/**
 * One participant present in a room, on this replica or another one.
 *
 * @param connectionId the participant's current connection; a reconnect gives a new one
 * @param replica      the signaling replica holding that connection
 */
public record PeerRecord(String room, String participantId, String name, String role, String connectionId,
                         String replica, MediaState media) {

    PeerRecord withMedia(MediaState newMedia) {
        return new PeerRecord(room, participantId, name, role, connectionId, replica, newMedia);
    }

    boolean sameConnection(PeerRecord other) {
        return other != null && connectionId.equals(other.connectionId);
    }
}
