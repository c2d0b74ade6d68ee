package academy.muse.signaling.room;

/**
 * Told when a participant enters a room and when they leave it for good (a reconnect that replaces a
 * connection is neither). Implementations must not block the caller.
 */
public interface Attendance {

    void joined(PeerRecord peer);

    void left(PeerRecord peer);
}
