package academy.muse.signaling.room;

/** WebSocket close codes signaling uses; 4000–4999 are ours, documented in docs/signaling-protocol.md. */
public final class CloseCodes {

    /** The client broke the rules (here: kept flooding after being told to slow down). */
    public static final int POLICY_VIOLATION = 1008;
    /** A message was larger than the limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The same participant connected again; the newer connection wins. */
    public static final int REPLACED = 4000;
    /** Nothing arrived (not even a pong) within the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4001;
    /** Rooms closed the room (its {@code room.closed} event): the lesson is over, do not reconnect. */
    public static final int ROOM_CLOSED = 4002;

    private CloseCodes() {
    }
}
