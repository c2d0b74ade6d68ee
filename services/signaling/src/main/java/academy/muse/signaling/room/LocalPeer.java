package academy.muse.signaling.room;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** A participant connected to this replica: their ticket, their connection and what is counted per connection. */
final class LocalPeer {

    final Ticket ticket;
    final PeerConnection connection;
    final TokenBucket bucket;
    /**
     * What starts every message relayed from this participant: {@code {"from":"<id>",}, followed by the rest of
     * the message as its sender wrote it after its opening brace.
     */
    final String fromPrefix;
    /** When (epoch ms of the hub's clock) anything last arrived on this connection. */
    volatile long lastSeenMillis;
    /** Messages dropped in a row by the rate limit; only the connection's own handler touches it. */
    int droppedInRow;

    LocalPeer(Ticket ticket, PeerConnection connection, Limits limits, long nowMillis, long nowNanos) {
        this.ticket = ticket;
        this.connection = connection;
        this.bucket = new TokenBucket(limits.burst(), limits.perSecond(), nowNanos);
        this.fromPrefix = "{\"from\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(ticket.participantId()))
                + "\",";
        this.lastSeenMillis = nowMillis;
    }

    String room() {
        return ticket.room();
    }

    String participantId() {
        return ticket.participantId();
    }
}
