package academy.muse.signaling;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static academy.muse.devstack.testing.ServicePlatformTests.management;
import static academy.muse.signaling.Signals.offer;
import static academy.muse.signaling.Signals.mediaState;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomRelayTest extends PeerFixture {

    @Test
    void teacherAndStudentCompleteAnOfferAnswerAndCandidateExchange() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-1", "host");
        TestPeer student = join(room, "student-1", "participant");
        assertThat(teacher.next("peer-joined").getJsonObject("peer").getString("id")).isEqualTo("student-1");

        negotiate(student, "student-1", teacher, "teacher-1");
    }

    @Test
    void welcomeListsThePeersAlreadyThereWithTheirMediaStateAndTheServerTime() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-2", "host");
        teacher.send(mediaState(true, false, true));
        teacher.drain();

        long before = System.currentTimeMillis();
        TestPeer student = keep(TestPeer.open(vertx, server, room,
                TestTokens.roomTicket(room, "student-2", "participant", "Sara")));
        JsonObject welcome = student.next("welcome");

        assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo("student-2");
        assertThat(welcome.getJsonObject("you").getString("name")).isEqualTo("Sara");
        JsonArray others = welcome.getJsonArray("peers");
        assertThat(others).hasSize(1);
        JsonObject teacherSeen = others.getJsonObject(0);
        assertThat(teacherSeen.getString("id")).isEqualTo("teacher-2");
        assertThat(teacherSeen.getString("role")).isEqualTo("host");
        assertThat(teacherSeen.getJsonObject("media").getBoolean("muted")).isTrue();
        assertThat(teacherSeen.getJsonObject("media").getBoolean("recording")).isTrue();
        assertThat(welcome.getLong("serverTime")).isBetween(before - 60_000, System.currentTimeMillis() + 60_000);
    }

    @Test
    void sixParticipantsFormAFullMeshAndEachOfferReachesOnlyItsAddressee() {
        String room = newRoom();
        List<TestPeer> mesh = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mesh.add(join(room, "p" + i, i == 0 ? "host" : "participant"));
        }
        for (int from = 0; from < 6; from++) {
            for (int to = 0; to < 6; to++) {
                if (from != to) {
                    mesh.get(from).send(offer("p" + to, "offer p" + from + "->p" + to));
                }
            }
        }
        for (int to = 0; to < 6; to++) {
            List<String> received = mesh.get(to).take("offer", 5).stream()
                    .map(offer -> offer.getString("sdp")).toList();
            assertThat(mesh.get(to).drain()).extracting(message -> message.getString("type")).doesNotContain("offer");
            List<String> expected = new ArrayList<>();
            for (int from = 0; from < 6; from++) {
                if (from != to) {
                    expected.add("offer p" + from + "->p" + to);
                }
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The web app's newcomer offers the moment its welcome arrives; the one in the room must know them by then. */
    @Test
    void aNewcomersOfferSentOnItsWelcomeReachesThePeerInTheRoomAfterItsPeerJoined() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-7", "host");
        assertThat(teacher.drain()).isEmpty();
        TestPeer student = join(room, "student-7", "participant");
        student.send(offer("teacher-7", "v=0 offer from the newcomer"));

        JsonObject first = teacher.nextMessage();
        JsonObject second = teacher.nextMessage();
        assertThat(first.getString("type")).isEqualTo("peer-joined");
        assertThat(first.getJsonObject("peer").getString("id")).isEqualTo("student-7");
        assertThat(second.getString("type")).isEqualTo("offer");
        assertThat(second.getString("from")).isEqualTo("student-7");
    }

    @Test
    void aSenderNeverGetsItsOwnMessagesBack() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-3", "host");
        TestPeer student = join(room, "student-3", "participant");

        teacher.send(offer("student-3", "v=0"));
        teacher.send(mediaState(true, true, false));
        student.next("offer");
        assertThat(student.next("media-state").getString("from")).isEqualTo("teacher-3");

        assertThat(teacher.drain()).extracting(message -> message.getString("type"))
                .doesNotContain("offer", "media-state");
    }

    @Test
    void messagesNeverLeakIntoAnotherRoom() {
        String lesson = newRoom();
        String otherLesson = newRoom();
        TestPeer teacher = join(lesson, "teacher-4", "host");
        TestPeer student = join(lesson, "student-4", "participant");
        TestPeer stranger = join(otherLesson, "stranger-4", "participant");

        teacher.send(offer("student-4", "private"));
        teacher.send(mediaState(false, true, true));
        student.next("offer");
        student.next("media-state");

        assertThat(stranger.drain()).isEmpty();
    }

    @Test
    void metricsShowHowManyConnectionsAndRoomsThisReplicaHolds() {
        String room = newRoom();
        join(room, "teacher-6", "host");
        join(room, "student-6", "participant");

        String metrics = management().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "signaling_connections")).isGreaterThanOrEqualTo(2);
        assertThat(gauge(metrics, "signaling_rooms")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theOthersHearWhenAParticipantLeaves() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-5", "host");
        TestPeer student = join(room, "student-5", "participant");
        student.close();

        JsonObject left = teacher.next("peer-left");
        assertThat(left.getString("peerId")).isEqualTo("student-5");
        assertThat(left.getString("reason")).isEqualTo("left");
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("No metric " + name));
    }
}
