package academy.muse.signaling.room;

/**
 * Told when a connection of a participant enters a room (a reconnect too: its connection replaces the older one)
 * and when the participant leaves it for good. Implementations must not block the caller.
 */
public interface Attendance {

    void joined(PeerRecord peer);

    void left(PeerRecord peer);
}
