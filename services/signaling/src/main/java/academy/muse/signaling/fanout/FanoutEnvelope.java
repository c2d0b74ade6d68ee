package academy.muse.signaling.fanout;

import academy.muse.signaling.room.PeerRecord;

import java.util.List;

/**
 * What one signaling replica tells the others about the rooms it serves.
 *
 * @param kind     what happened
 * @param replica  the sending replica (a replica ignores its own envelopes)
 * @param peer     the participant concerned ({@code JOINED}, {@code LEFT}, {@code MEDIA})
 * @param room     the room of a {@code SIGNAL} or {@code ROOM_CLOSED}
 * @param to       the addressee of a {@code SIGNAL}
 * @param payload  the exact message a {@code SIGNAL} delivers to its addressee; why a participant {@code LEFT}
 * @param snapshot every participant connected to the sending replica ({@code SNAPSHOT})
 */
public record FanoutEnvelope(Kind kind, String replica, PeerRecord peer, String room, String to, String payload,
                             List<PeerRecord> snapshot) {

    public enum Kind {
        /** A participant connected to the sending replica (first time, or replacing an older connection). */
        JOINED,
        /** A participant's connection on the sending replica ended. */
        LEFT,
        /** A participant changed their media state. */
        MEDIA,
        /** An offer, answer or candidate for a participant connected elsewhere. */
        SIGNAL,
        /** The sending replica's complete list of connected participants; also its sign of life. */
        SNAPSHOT,
        /** A replica that just started asks the others for their snapshots. */
        SYNC,
        /** Rooms closed this room: every replica closes its connections to it. */
        ROOM_CLOSED
    }

    public static FanoutEnvelope about(Kind kind, String replica, PeerRecord peer) {
        return new FanoutEnvelope(kind, replica, peer, peer.room(), null, null, null);
    }

    public static FanoutEnvelope left(String replica, PeerRecord peer, String reason) {
        return new FanoutEnvelope(Kind.LEFT, replica, peer, peer.room(), null, reason, null);
    }

    public static FanoutEnvelope signal(String replica, String room, String to, String payload) {
        return new FanoutEnvelope(Kind.SIGNAL, replica, null, room, to, payload, null);
    }

    public static FanoutEnvelope snapshot(String replica, List<PeerRecord> peers) {
        return new FanoutEnvelope(Kind.SNAPSHOT, replica, null, null, null, null, peers);
    }

    public static FanoutEnvelope roomClosed(String replica, String room) {
        return new FanoutEnvelope(Kind.ROOM_CLOSED, replica, null, room, null, null, null);
    }

    public static FanoutEnvelope sync(String replica) {
        return new FanoutEnvelope(Kind.SYNC, replica, null, null, null, null, null);
    }
}
