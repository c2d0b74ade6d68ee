package academy.muse.signaling;

import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static academy.muse.signaling.Signals.answer;
import static academy.muse.signaling.Signals.candidate;
import static academy.muse.signaling.Signals.offer;
import static org.assertj.core.api.Assertions.assertThat;

/** What the WebSocket test classes share: the server under test and the peers a test opened. */
abstract class PeerFixture {

    @TestHTTPResource("/")
    URI server;

    @Inject
    Vertx vertx;

    private final List<TestPeer> peers = new ArrayList<>();

    @AfterEach
    void disconnectEveryone() {
        peers.forEach(TestPeer::close);
        peers.clear();
    }

    TestPeer join(String room, String accountId, String role) {
        return keep(TestPeer.join(vertx, server, room, TestTokens.roomTicket(room, accountId, role, "User " + accountId)));
    }

    TestPeer keep(TestPeer peer) {
        peers.add(peer);
        return peer;
    }

    /**
     * Perfect negotiation as two browsers run it: an offer, its answer and ICE candidates both ways, each
     * arriving only at its addressee and naming its sender.
     */
    static void negotiate(TestPeer caller, String callerId, TestPeer callee, String calleeId) {
        caller.send(offer(calleeId, "v=0 offer from " + callerId));
        JsonObject offer = callee.next("offer");
        assertThat(offer.getString("sdp")).isEqualTo("v=0 offer from " + callerId);
        assertThat(offer.getString("from")).isEqualTo(callerId);

        callee.send(answer(callerId, "v=0 answer from " + calleeId));
        JsonObject answer = caller.next("answer");
        assertThat(answer.getString("sdp")).isEqualTo("v=0 answer from " + calleeId);
        assertThat(answer.getString("from")).isEqualTo(calleeId);

        JsonObject candidate = new JsonObject().put("candidate", "candidate:1 1 udp 2122260223 10.99.0.1 5000 typ host")
                .put("sdpMid", "0").put("sdpMLineIndex", 0);
        caller.send(candidate(calleeId, candidate));
        callee.send(candidate(callerId, candidate));
        assertThat(callee.next("candidate").getJsonObject("candidate")).isEqualTo(candidate);
        assertThat(caller.next("candidate").getString("from")).isEqualTo(calleeId);
    }

    static String newRoom() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
