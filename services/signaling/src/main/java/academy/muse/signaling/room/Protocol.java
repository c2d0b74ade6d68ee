package academy.muse.signaling.room;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Collection;

/** The server's messages of signaling protocol v1 (docs/signaling-protocol.md), as JSON text. */
final class Protocol {

    static final int VERSION = 1;

    private final ObjectMapper json;
    private final Clock clock;

    Protocol(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    String welcome(PeerRecord you, Collection<PeerRecord> peers, Limits limits) {
        ObjectNode message = message("welcome").put("protocol", VERSION);
        message.set("you", peer(you));
        ArrayNode list = message.putArray("peers");
        peers.forEach(peer -> list.add(peer(peer)));
        message.put("serverTime", clock.millis());
        ObjectNode heartbeat = message.putObject("heartbeat");
        heartbeat.put("intervalMs", limits.heartbeatInterval().toMillis());
        heartbeat.put("timeoutMs", limits.heartbeatTimeout().toMillis());
        message.put("maxMessageBytes", limits.maxMessageBytes());
        return text(message);
    }

    String peerJoined(PeerRecord peer) {
        return text(message("peer-joined").set("peer", peer(peer)));
    }

    String peerRejoined(PeerRecord peer) {
        return text(message("peer-rejoined").set("peer", peer(peer)));
    }

    String peerLeft(PeerRecord peer, String reason) {
        return text(message("peer-left").put("peerId", peer.participantId()).put("reason", reason));
    }

    String mediaState(PeerRecord peer) {
        MediaState media = peer.media();
        return text(message("media-state").put("from", peer.participantId())
                .put("muted", media.muted()).put("cameraOff", media.cameraOff()).put("recording", media.recording()));
    }

    String pong(String id) {
        ObjectNode message = message("pong");
        if (id != null) {
            message.put("id", id);
        }
        return text(message.put("serverTime", clock.millis()));
    }

    String error(ErrorCode code, String detail, String inReplyTo) {
        ObjectNode message = message("error").put("code", code.wire()).put("message", detail);
        if (inReplyTo != null) {
            message.put("ref", inReplyTo);
        }
        return text(message);
    }

    String text(ObjectNode message) {
        return message.toString();
    }

    private ObjectNode peer(PeerRecord peer) {
        ObjectNode node = json.createObjectNode()
                .put("id", peer.participantId()).put("name", peer.name()).put("role", peer.role());
        node.putObject("media").put("muted", peer.media().muted()).put("cameraOff", peer.media().cameraOff())
                .put("recording", peer.media().recording());
        return node;
    }

    private ObjectNode message(String type) {
        return json.createObjectNode().put("type", type);
    }

    /** The stable codes of {@code error} messages. */
    enum ErrorCode {
        MALFORMED_JSON("malformed-json"),
        UNKNOWN_TYPE("unknown-type"),
        INVALID_MESSAGE("invalid-message"),
        UNKNOWN_PEER("unknown-peer"),
        RATE_LIMITED("rate-limited"),
        MESSAGE_TOO_LARGE("message-too-large"),
        RECEIVE_ONLY("receive-only");

        private final String wire;

        ErrorCode(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }
}
