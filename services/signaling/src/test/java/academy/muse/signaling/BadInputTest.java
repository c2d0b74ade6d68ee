package academy.muse.signaling;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static academy.muse.signaling.Signals.answer;
import static academy.muse.signaling.Signals.candidate;
import static academy.muse.signaling.Signals.mediaState;
import static academy.muse.signaling.Signals.offer;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class BadInputTest extends PeerFixture {

    @Test
    void malformedJsonGetsAnErrorAndTheConnectionStaysUsable() {
        String room = newRoom();
        TestPeer student = join(room, "student-a", "participant");
        TestPeer teacher = join(room, "teacher-a", "host");

        student.sendRaw("{\"type\": \"offer\", ");
        assertThat(student.next("error").getString("code")).isEqualTo("malformed-json");
        student.sendRaw("[\"offer\"]");
        assertThat(student.next("error").getString("code")).isEqualTo("malformed-json");

        student.send(offer("teacher-a", "still here"));
        assertThat(teacher.next("offer").getString("sdp")).isEqualTo("still here");
    }

    @Test
    void unknownOrMissingTypesAreNamedInTheError() {
        TestPeer student = join(newRoom(), "student-b", "participant");

        student.send(new JsonObject().put("type", "kick").put("to", "teacher"));
        JsonObject unknown = student.next("error");
        assertThat(unknown.getString("code")).isEqualTo("unknown-type");
        assertThat(unknown.getString("ref")).isEqualTo("kick");

        student.send(new JsonObject().put("to", "teacher").put("sdp", "v=0"));
        assertThat(student.next("error").getString("code")).isEqualTo("invalid-message");
    }

    @Test
    void signalsWithoutAnAddresseeOrForSomeoneNotInTheRoomAreRefused() {
        String room = newRoom();
        TestPeer student = join(room, "student-c", "participant");
        join(room, "teacher-c", "host");

        student.send(new JsonObject().put("type", "offer").put("sdp", "v=0"));
        assertThat(student.next("error").getString("code")).isEqualTo("invalid-message");
        student.send(offer("nobody", "v=0"));
        assertThat(student.next("error").getString("code")).isEqualTo("unknown-peer");
        student.send(offer("student-c", "v=0"));
        assertThat(student.next("error").getString("code")).isEqualTo("unknown-peer");
    }

    @Test
    void signalsWithTheWrongShapeAreRefused() {
        String room = newRoom();
        TestPeer student = join(room, "student-d", "participant");
        TestPeer teacher = join(room, "teacher-d", "host");

        student.send(new JsonObject().put("type", "answer").put("to", "teacher-d").put("sdp", 42));
        assertThat(student.next("error").getString("code")).isEqualTo("invalid-message");
        student.send(new JsonObject().put("type", "candidate").put("to", "teacher-d").put("candidate", "a=candidate"));
        assertThat(student.next("error").getString("code")).isEqualTo("invalid-message");
        student.send(new JsonObject().put("type", "media-state").put("muted", "yes").put("cameraOff", false)
                .put("recording", false));
        assertThat(student.next("error").getString("code")).isEqualTo("invalid-message");

        assertThat(teacher.drain()).extracting(message -> message.getString("type"))
                .doesNotContain("answer", "candidate", "media-state");
    }

    @Test
    void aMessageOverSixtyFourKibibytesClosesOnlyThatConnectionWith1009() {
        String room = newRoom();
        TestPeer student = join(room, "student-e", "participant");
        TestPeer teacher = join(room, "teacher-e", "host");
        TestPeer observer = join(room, "observer-e", "observer");

        student.send(offer("teacher-e", "a".repeat(64 * 1024 + 1)));
        assertThat(student.next("error").getString("code")).isEqualTo("message-too-large");
        assertThat(student.closeCode()).isEqualTo(1009);

        assertThat(teacher.next("peer-left").getString("peerId")).isEqualTo("student-e");
        teacher.send(offer("observer-e", "room still works"));
        assertThat(observer.next("offer").getString("sdp")).isEqualTo("room still works");
    }

    @Test
    void aShortBurstOverTheRateIsToldToSlowDownButStaysConnected() throws InterruptedException {
        TestPeer student = join(newRoom(), "student-f", "participant");

        for (int i = 0; i < 45; i++) {
            student.send(new JsonObject().put("type", "ping"));
        }
        assertThat(student.next("error").getString("code")).isEqualTo("rate-limited");
        Thread.sleep(500); // lets the bucket refill, as a well-behaved client would
        student.drain();
        assertThat(student.isClosed()).isFalse();
    }

    @Test
    void aSustainedFloodClosesTheFloodingConnectionWith1008AndTheRoomCarriesOn() {
        String room = newRoom();
        TestPeer flooder = join(room, "student-g", "participant");
        TestPeer teacher = join(room, "teacher-g", "host");
        TestPeer observer = join(room, "observer-g", "observer");

        for (int i = 0; i < 500; i++) {
            flooder.send(offer("teacher-g", "spam " + i));
        }
        assertThat(flooder.next("error").getString("code")).isEqualTo("rate-limited");
        assertThat(flooder.closeCode()).isEqualTo(1008);

        teacher.send(offer("observer-g", "lesson goes on"));
        assertThat(observer.next("offer").getString("sdp")).isEqualTo("lesson goes on");
    }

    @Test
    void anObserverReceivesButCannotOfferAnnounceMediaOrAnswerWithMediaOfTheirOwn() {
        String room = newRoom();
        TestPeer teacher = join(room, "teacher-h", "host");
        TestPeer observer = join(room, "observer-h", "observer");
        teacher.drain();

        observer.send(offer("teacher-h", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n"));
        JsonObject refused = observer.next("error");
        assertThat(refused.getString("code")).isEqualTo("receive-only");
        assertThat(refused.getString("ref")).isEqualTo("offer");
        observer.send(mediaState(false, false, true));
        assertThat(observer.next("error").getString("code")).isEqualTo("receive-only");
        observer.send(answer("teacher-h", "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\n"));
        assertThat(observer.next("error").getString("code")).isEqualTo("receive-only");
        assertThat(teacher.drain()).extracting(message -> message.getString("type"))
                .doesNotContain("offer", "answer", "media-state");

        teacher.send(offer("observer-h", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n"));
        assertThat(observer.next("offer").getString("from")).isEqualTo("teacher-h");
        observer.send(answer("teacher-h", "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n"));
        assertThat(teacher.next("answer").getString("sdp")).contains("a=recvonly");
        observer.send(candidate("teacher-h", new JsonObject().put("candidate", "candidate:1 1 udp 1 10.0.0.1 9 typ host")));
        assertThat(teacher.next("candidate").getString("from")).isEqualTo("observer-h");
    }
}
