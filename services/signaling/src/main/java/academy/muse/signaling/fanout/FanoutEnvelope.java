package academy.muse.signaling.fanout;

import academy.muse.signaling.room.PeerRecord;

import java.util.List;

/**
 * What one signaling replica tells the others about the rooms it serves. Relayed messages are no envelopes:
 * they travel point to point, as they are ({@link RoomFanout#signal}).
 *
 * @param kind     what happened
 * @param replica  the sending replica (a replica ignores its own envelopes)
 * @param peer     the participant concerned ({@code JOINED}, {@code LEFT}, {@code MEDIA})
 * @param room     the room of a {@code ROOM_CLOSED} (and of the participant concerned)
 * @param payload  why a participant {@code LEFT}
 * @param snapshot every participant connected to the sending replica ({@code SNAPSHOT})
 */
public record FanoutEnvelope(Kind kind, String replica, PeerRecord peer, String room, String payload,
                             List<PeerRecord> snapshot) {

    public enum Kind {
        /** A participant connected to the sending replica (first time, or replacing an older connection). */
        JOINED,
        /** A participant's connection on the sending replica ended. */
        LEFT,
        /** A participant changed their media state. */
        MEDIA,
        /** The sending replica's complete list of connected participants; also its sign of life. */
        SNAPSHOT,
        /** A replica that just started asks the others for their snapshots. */
        SYNC,
        /** Rooms closed this room: every replica closes its connections to it. */
        ROOM_CLOSED
    }

    public static FanoutEnvelope about(Kind kind, String replica, PeerRecord peer) {
        return new FanoutEnvelope(kind, replica, peer, peer.room(), null, null);
    }

    public static FanoutEnvelope left(String replica, PeerRecord peer, String reason) {
        return new FanoutEnvelope(Kind.LEFT, replica, peer, peer.room(), reason, null);
    }

    public static FanoutEnvelope snapshot(String replica, List<PeerRecord> peers) {
        return new FanoutEnvelope(Kind.SNAPSHOT, replica, null, null, null, peers);
    }

    public static FanoutEnvelope roomClosed(String replica, String room) {
        return new FanoutEnvelope(Kind.ROOM_CLOSED, replica, null, room, null, null);
    }

    public static FanoutEnvelope sync(String replica) {
        return new FanoutEnvelope(Kind.SYNC, replica, null, null, null, null);
    }
}
