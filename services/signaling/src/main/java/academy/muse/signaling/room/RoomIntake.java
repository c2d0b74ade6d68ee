package academy.muse.signaling.room;

import academy.muse.signaling.fanout.RoomFanout;
import academy.muse.signaling.room.Protocol.ErrorCode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Every client message enters here: size, rate limit, the envelope ({@link Envelope}: {@code type}, {@code to} and
 * the kinds of the fields each type needs), the observer's limits, then what the type asks for. A relayed offer,
 * answer or candidate is forwarded as its sender wrote it, with {@code from} put in front: the SDP inside is
 * never parsed into a tree, turned into a string of its own or written again.
 */
final class RoomIntake {

    private static final Logger LOG = Logger.getLogger(RoomIntake.class);
    /** An SDP direction attribute that sends media. */
    private static final Pattern SENDING = Pattern.compile("^a=(sendrecv|sendonly)\\s*$", Pattern.MULTILINE);

    private final Presence presence;
    private final RoomFanout fanout;
    private final Limits limits;
    private final Protocol protocol;
    private final ObjectMapper json;
    private final JsonFactory parsers;
    private final Clock clock;

    RoomIntake(Presence presence, RoomFanout fanout, Limits limits, Protocol protocol, ObjectMapper json, Clock clock) {
        this.presence = presence;
        this.fanout = fanout;
        this.limits = limits;
        this.protocol = protocol;
        this.json = json;
        this.parsers = json.getFactory();
        this.clock = clock;
    }

    /** Any sign of life (a pong frame) keeps a connection from timing out. */
    void touch(String connectionId) {
        LocalPeer peer = presence.connection(connectionId);
        if (peer != null) {
            peer.lastSeenMillis = clock.millis();
        }
    }

    void onText(String connectionId, String text) {
        LocalPeer peer = presence.connection(connectionId);
        if (peer == null) {
            return;
        }
        peer.lastSeenMillis = clock.millis();
        if (tooLarge(text)) {
            reject(peer, ErrorCode.MESSAGE_TOO_LARGE, "Messages may be at most " + limits.maxMessageBytes() + " bytes", null);
            peer.connection.close(CloseCodes.MESSAGE_TOO_BIG, "message too large");
            presence.leave(connectionId, "left");
            return;
        }
        if (!peer.bucket.tryTake(System.nanoTime())) {
            throttle(peer);
            return;
        }
        peer.droppedInRow = 0;
        Envelope message;
        try {
            message = Envelope.read(parsers, text, peer.ticket.isObserver());
        } catch (Envelope.Malformed e) {
            reject(peer, ErrorCode.MALFORMED_JSON, e.getMessage(), null);
            return;
        }
        handle(peer, text, message);
    }

    private void handle(LocalPeer peer, String text, Envelope message) {
        String type = message.type();
        if (type == null) {
            reject(peer, ErrorCode.INVALID_MESSAGE, "Every message needs a string \"type\"", null);
        } else if (peer.ticket.isObserver() && !observerMaySend(type, message)) {
            reject(peer, ErrorCode.RECEIVE_ONLY, "Observers only receive: they answer offers with receive-only "
                    + "media and send ICE candidates; \"" + type + "\" is not theirs to send", type);
        } else {
            switch (type) {
                case "offer", "answer", "candidate" -> relay(peer, type, text, message);
                case "media-state" -> changeMedia(peer, message);
                case "ping" -> peer.connection.send(protocol.pong(message.pingId()));
                default -> reject(peer, ErrorCode.UNKNOWN_TYPE, "Unknown message type \"" + type + "\"", type);
            }
        }
    }

    private void relay(LocalPeer sender, String type, String text, Envelope message) {
        String target = message.to();
        if (target == null || target.isBlank()) {
            reject(sender, ErrorCode.INVALID_MESSAGE, "\"" + type + "\" needs \"to\": the id of the peer it is for", type);
            return;
        }
        String invalid = invalidSignal(type, message);
        if (invalid != null) {
            reject(sender, ErrorCode.INVALID_MESSAGE, invalid, type);
            return;
        }
        String room = sender.room();
        PeerRecord addressee = presence.addressee(room, sender.participantId(), target);
        if (addressee == null) {
            reject(sender, ErrorCode.UNKNOWN_PEER, "No peer \"" + target + "\" in this room", type);
            return;
        }
        String out = withSender(sender, text, message);
        if (presence.isHere(addressee)) {
            presence.deliver(room, target, out);
        } else {
            fanout.signal(addressee.replica(), room, target, out);
        }
    }

    /**
     * The message as its sender wrote it, named by the server: a client cannot pretend to be someone else. The
     * sender's own {@code from}, which a browser has no reason to send, costs the one full parse and rewrite.
     */
    private String withSender(LocalPeer sender, String text, Envelope message) {
        if (message.hasFrom()) {
            try {
                return ((ObjectNode) json.readTree(text)).put("from", sender.participantId()).toString();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A message read once as a JSON object could not be read again", e);
            }
        }
        return sender.fromPrefix + text.substring(text.indexOf('{') + 1);
    }

    /**
     * What an observer may send: ICE candidates, pings, and answers whose media only receives (no m-line that
     * sends). Never an offer (they would choose what is negotiated) nor a media state (they have no media).
     */
    private static boolean observerMaySend(String type, Envelope message) {
        return switch (type) {
            case "candidate", "ping" -> true;
            case "answer" -> message.sdp() == null || !SENDING.matcher(message.sdp()).find();
            default -> false;
        };
    }

    private static String invalidSignal(String type, Envelope message) {
        if (!type.equals("candidate")) {
            return message.sdpKind() == JsonToken.VALUE_STRING ? null : "\"" + type + "\" needs \"sdp\" as a string";
        }
        JsonToken candidate = message.candidate();
        return candidate == JsonToken.START_OBJECT || candidate == JsonToken.VALUE_NULL
                ? null : "\"candidate\" needs \"candidate\": an ICE candidate object, or null when gathering is done";
    }

    private void changeMedia(LocalPeer peer, Envelope message) {
        if (message.muted() == null || message.cameraOff() == null || message.recording() == null) {
            reject(peer, ErrorCode.INVALID_MESSAGE,
                    "\"media-state\" needs \"muted\", \"cameraOff\" and \"recording\" as booleans", "media-state");
            return;
        }
        presence.changeMedia(peer, new MediaState(message.muted(), message.cameraOff(), message.recording()));
    }

    private boolean tooLarge(String text) {
        int max = limits.maxMessageBytes();
        // A UTF-8 character takes one to three bytes per Java char: count bytes only when it matters.
        return text.length() > max || (text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max);
    }

    /** Drops a message over the rate; tells the client once per run of drops, closes on a sustained flood. */
    private void throttle(LocalPeer peer) {
        int dropped = ++peer.droppedInRow;
        if (dropped == 1) {
            reject(peer, ErrorCode.RATE_LIMITED, "Too many messages: at most " + limits.perSecond()
                    + " per second (bursts of " + limits.burst() + "); messages are being dropped", null);
        }
        if (dropped > limits.floodTolerance()) {
            LOG.warnf("Closing connection %s of participant %s in room %s: flooding", peer.connection.id(),
                    peer.participantId(), peer.room());
            peer.connection.close(CloseCodes.POLICY_VIOLATION, "too many messages");
            presence.leave(peer.connection.id(), "left");
        }
    }

    private void reject(LocalPeer peer, ErrorCode code, String detail, String inReplyTo) {
        peer.connection.send(protocol.error(code, detail, inReplyTo));
    }
}
