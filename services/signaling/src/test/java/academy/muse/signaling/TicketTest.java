package academy.muse.signaling;

import academy.muse.devstack.DevKeys;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class TicketTest extends PeerFixture {

    @Test
    void aConnectionWithoutATicketIsRefusedWith401() {
        assertThat(TestPeer.refusal(vertx, server, newRoom(), null)).isEqualTo(401);
    }

    @Test
    void aTicketForAnotherRoomIsRefusedWith403() {
        String ticket = TestTokens.roomTicket(newRoom(), "student-1", "participant", "Sara");
        assertThat(TestPeer.refusal(vertx, server, newRoom(), ticket)).isEqualTo(403);
    }

    @Test
    void anExpiredTicketIsRefusedWith401() {
        String room = newRoom();
        long now = System.currentTimeMillis() / 1000;
        String ticket = TestTokens.roomTicket(room, "student-1", "participant", "Sara", now - 600, now - 300);
        assertThat(TestPeer.refusal(vertx, server, room, ticket)).isEqualTo(401);
    }

    @Test
    void aTicketSignedWithSomeoneElsesKeyIsRefusedWith401() {
        String room = newRoom();
        KeyPair forger = DevKeys.rsa();
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("student-1").audience("signaling")
                .claim("room", room).claim("role", "host").claim("name", "Mallory").expiresIn(60)
                .jws().keyId(DevKeys.kid(DevKeys.TICKET)).sign(forger.getPrivate());
        assertThat(TestPeer.refusal(vertx, server, room, forged)).isEqualTo(401);
    }

    @Test
    void anAccessTokenIsNoRoomTicket() {
        assertThat(TestPeer.refusal(vertx, server, newRoom(), TestTokens.teacher("teacher-1"))).isEqualTo(401);
    }

    @Test
    void aServiceTokenIsNoRoomTicket() {
        assertThat(TestPeer.refusal(vertx, server, newRoom(), TestTokens.service("rooms"))).isEqualTo(401);
    }

    @Test
    void aTicketMeantForAnotherAudienceIsRefusedWith401() {
        String room = newRoom();
        String forRooms = TestTokens.signed(Jwt.issuer(TestTokens.ISSUER).subject("student-1").audience("rooms")
                .claim("room", room).claim("role", "participant").claim("name", "Sara")
                .claim("token_use", "room-ticket").claim("jti", "ticket-for-rooms").expiresIn(60), DevKeys.TICKET);
        assertThat(TestPeer.refusal(vertx, server, room, forRooms)).isEqualTo(401);
    }

    @Test
    void aTicketOpensOneConnectionOnly() {
        String room = newRoom();
        String ticket = TestTokens.roomTicket(room, "student-3", "participant", "Sara");
        keep(TestPeer.join(vertx, server, room, ticket));

        assertThat(TestPeer.refusal(vertx, server, room, ticket)).isEqualTo(401);
        join(room, "student-3", "participant"); // a reconnect with a fresh ticket is welcome
    }

    @Test
    void aConnectionOutlivesItsShortLivedTicket() throws InterruptedException {
        String room = newRoom();
        long now = System.currentTimeMillis() / 1000;
        TestPeer student = keep(TestPeer.join(vertx, server, room,
                TestTokens.roomTicket(room, "student-2", "participant", "Sara", now, now + 2)));
        TestPeer teacher = join(room, "teacher-2", "host");

        Thread.sleep(3000); // past the ticket's expiry: a lesson lasts far longer than its ticket

        teacher.send(Signals.offer("student-2", "still connected"));
        assertThat(student.next("offer").getString("sdp")).isEqualTo("still connected");
    }

    @Test
    void aValidTicketForThisRoomIsWelcomed() {
        String room = newRoom();
        TestPeer peer = join(room, "student-1", "participant");
        assertThat(peer.isClosed()).isFalse();
    }
}
