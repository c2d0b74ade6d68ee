package academy.muse.signaling;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static academy.muse.signaling.Signals.offer;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class ReconnectAndHeartbeatTest extends PeerFixture {

    @Test
    void aReconnectReplacesTheOldConnectionWithoutAGhostPeer() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-r", "host");
        TestPeer firstTab = join(room, "student-r", "participant");
        teacher.next("peer-joined");

        TestPeer secondTab = keep(TestPeer.open(vertx, server, room,
                TestTokens.roomTicket(room, "student-r", "participant", "Sara")));
        JsonObject welcome = secondTab.next("welcome");
        assertThat(welcome.getJsonArray("peers")).extracting(peer -> ((JsonObject) peer).getString("id"))
                .containsExactly("teacher-r");

        assertThat(firstTab.closeCode()).isEqualTo(4000);
        assertThat(teacher.next("peer-rejoined").getJsonObject("peer").getString("id")).isEqualTo("student-r");
        assertThat(teacher.drain()).extracting(message -> message.getString("type"))
                .doesNotContain("peer-left", "peer-joined");

        teacher.send(offer("student-r", "renegotiate"));
        assertThat(secondTab.next("offer").getString("sdp")).isEqualTo("renegotiate");
    }

    @Test
    void aConnectionThatStopsAnsweringPingsIsDroppedAndTheRoomIsTold() throws IOException {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-h", "host");
        try (Socket silent = openSilently(room, TestTokens.roomTicket(room, "student-h", "participant", "Sara"))) {
            assertThat(teacher.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo("student-h");

            JsonObject left = teacher.next("peer-left");
            assertThat(left.getString("peerId")).isEqualTo("student-h");
            assertThat(left.getString("reason")).isEqualTo("timeout");
        }
        // The teacher's client answers pings, so it outlives several heartbeat timeouts.
        assertThat(teacher.isClosed()).isFalse();
        teacher.drain();
    }

    @Test
    void aConnectionThatVanishesWithoutAGoodbyeKeepsItsPlaceUntilItsParticipantReconnects() throws Exception {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-g", "host");
        // Closing the raw socket ends the TCP connection without a close frame, as a restarting gateway does.
        try (Socket vanishing = openSilently(room, TestTokens.roomTicket(room, "student-g", "participant", "Sara"))) {
            assertThat(teacher.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo("student-g");
        }
        Thread.sleep(300);

        join(room, "student-g", "participant");

        assertThat(teacher.next("peer-rejoined").getJsonObject("peer").getString("id")).isEqualTo("student-g");
        // Well past the test's reconnect grace (1 s): the room never heard that the student left.
        Thread.sleep(2_500);
        assertThat(teacher.drain()).extracting(message -> message.getString("type"))
                .doesNotContain("peer-left", "peer-joined");
    }

    @Test
    void clientPingsAreAnsweredWithTheServerTime() {
        TestPeer student = join(newRoom(), "student-p", "participant");
        student.send(new JsonObject().put("type", "ping").put("id", "clock-1"));
        JsonObject pong = student.next("pong");
        assertThat(pong.getString("id")).isEqualTo("clock-1");
        assertThat(pong.getLong("serverTime")).isPositive();
    }

    /**
     * A client whose network died: it completes the upgrade and then never reads or answers again, like a
     * laptop whose lid was closed.
     */
    private Socket openSilently(String room, String ticket) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        String protocol = "quarkus-http-upgrade" + URLEncoder.encode("#Authorization#Bearer " + ticket, StandardCharsets.UTF_8);
        String request = "GET /ws/rooms/" + room + " HTTP/1.1\r\n"
                + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: bearer-token-carrier, " + protocol + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readHeaders(socket.getInputStream())).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString();
    }
}
