package academy.muse.signaling;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.signaling.room.CloseCodes;
import academy.muse.signaling.room.RoomHub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static academy.muse.signaling.Signals.offer;
import static academy.muse.signaling.Signals.mediaState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application under test is replica A; {@link SecondReplica} is replica B. They share only the
 * embedded Artemis broker, as two signaling pods share the cluster's broker.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class TwoReplicasTest extends PeerFixture {

    private static final String FANOUT_ADDRESS = "muse.signaling.fanout";

    @Inject
    RoomHub replicaA;

    private SecondReplica replicaB;

    @BeforeEach
    void startSecondReplica() throws Exception {
        replicaB = new SecondReplica(SecondReplica.testLimits());
        await().atMost(Duration.ofSeconds(10)).until(replicaB::isConnectedToTheBroker);
    }

    @AfterEach
    void stopSecondReplica() throws Exception {
        replicaB.close();
    }

    @Test
    void aClosedRoomEndsOnEveryReplica() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-z", "host");
        TestPeer student = keep(TestPeer.open(vertx, replicaB.uri(), room,
                TestTokens.roomTicket(room, "student-z", "participant", "Sara")));
        student.next("welcome");

        replicaA.closeRoom(room);

        assertThat(teacher.closeCode()).isEqualTo(CloseCodes.ROOM_CLOSED);
        assertThat(student.closeCode()).isEqualTo(CloseCodes.ROOM_CLOSED);
    }

    @Test
    void peersOnDifferentReplicasCompleteAnOfferAnswerAndCandidateExchange() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-x", "host");
        await().atMost(Duration.ofSeconds(10)).until(() -> replicaB.hub().participantsIn(room).contains("teacher-x"));

        TestPeer student = keep(TestPeer.open(vertx, replicaB.uri(), room,
                TestTokens.roomTicket(room, "student-x", "participant", "Sara")));
        JsonObject welcome = student.next("welcome");
        assertThat(welcome.getJsonArray("peers").getJsonObject(0).getString("id")).isEqualTo("teacher-x");
        assertThat(teacher.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo("student-x");

        negotiate(student, "student-x", teacher, "teacher-x");

        student.send(mediaState(true, false, true));
        assertThat(teacher.next("media-state").getBoolean("muted")).isTrue();

        student.close();
        assertThat(teacher.next("peer-left").getString("peerId")).isEqualTo("student-x");
    }

    @Test
    void eachReplicaHasItsOwnSubscriptionThatGoesAwayWithIt() throws Exception {
        assertThat(BrokerTestResource.broker().queueNames(FANOUT_ADDRESS)).hasSize(2);

        replicaB.close();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> BrokerTestResource.broker().queueNames(FANOUT_ADDRESS).size() == 1);
        replicaB = new SecondReplica(SecondReplica.testLimits());
    }

    @Test
    void participantsOfAReplicaThatVanishesLeaveTheirRoomsElsewhere() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-v", "host");
        keep(TestPeer.join(vertx, replicaB.uri(), room, TestTokens.roomTicket(room, "student-v", "participant", "Sara")));
        teacher.next("peer-joined");

        replicaB.vanish();

        JsonObject left = teacher.next("peer-left");
        assertThat(left.getString("peerId")).isEqualTo("student-v");
        assertThat(left.getString("reason")).isEqualTo("lost");
        assertThat(replicaA.participantsIn(room)).containsExactly("teacher-v");
    }

    @Test
    void aParticipantWhoReconnectsThroughAnotherReplicaReplacesTheOldConnection() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-m", "host");
        TestPeer onB = keep(TestPeer.join(vertx, replicaB.uri(), room,
                TestTokens.roomTicket(room, "student-m", "participant", "Sara")));
        teacher.next("peer-joined");

        TestPeer onA = join(room, "student-m", "participant");

        assertThat(onB.closeCode()).isEqualTo(4000);
        assertThat(teacher.next("peer-rejoined").getJsonObject("peer").getString("id")).isEqualTo("student-m");
        await().atMost(Duration.ofSeconds(10)).until(() -> replicaB.hub().participantsIn(room).contains("student-m"));
        teacher.send(offer("student-m", "again"));
        assertThat(onA.next("offer").getString("sdp")).isEqualTo("again");
        assertThat(teacher.drain()).extracting(message -> message.getString("type")).doesNotContain("peer-left");
    }
}
