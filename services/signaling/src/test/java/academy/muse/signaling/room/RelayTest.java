package academy.muse.signaling.room;

import academy.muse.signaling.fanout.LocalFanout;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay touches only the envelope: what the sender wrote reaches the addressee as written, named by the server. */
class RelayTest {

    private static final Limits LIMITS = new Limits(65536, Duration.ofSeconds(5), Duration.ofSeconds(15), 40, 20, 30,
            Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(20));

    private final LocalFanout bus = new LocalFanout();
    private final RoomHub hub = new RoomHub(bus, new IgnoredAttendance(), LIMITS, new ObjectMapper(), Clock.systemUTC())
            .start();
    private final RecordingConnection teacher = RecordingConnection.joined(hub, "lesson", "teacher", "host");
    private final RecordingConnection student = RecordingConnection.joined(hub, "lesson", "student", "participant");

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void anOfferReachesItsAddresseeAsWrittenWithTheSenderPutInFront() {
        String offer = "{ \"type\":\"offer\", \"to\":\"teacher\", \"sdp\":\"v=0\\r\\na=sendrecv\\r\\n\", \"extra\":[1, {\"x\":null}] }";

        hub.onText(student.id(), offer);

        assertThat(teacher.lastText()).isEqualTo("{\"from\":\"student\"," + offer.substring(1));
    }

    @Test
    void aSenderCannotSpeakForSomeoneElse() {
        hub.onText(student.id(), "{\"type\":\"candidate\",\"from\":\"teacher\",\"to\":\"teacher\",\"candidate\":null}");

        assertThat(teacher.last().get("from").asText()).isEqualTo("student");
        assertThat(teacher.lastText()).containsOnlyOnce("\"from\"");
    }

    @Test
    void aMessageWithAnythingAfterItsObjectIsNotRelayed() {
        hub.onText(student.id(), "{\"type\":\"offer\",\"to\":\"teacher\",\"sdp\":\"v=0\"} {\"type\":\"offer\"}");

        assertThat(student.last().get("code").asText()).isEqualTo("malformed-json");
        assertThat(teacher.types()).doesNotContain("offer");
    }

    @Test
    void aSenderWhoseIdNeedsEscapingIsStillNamedCorrectly() {
        RecordingConnection quoted = RecordingConnection.joined(hub, "lesson", "sara \"the\" cellist", "participant");

        hub.onText(quoted.id(), "{\"type\":\"answer\",\"to\":\"teacher\",\"sdp\":\"v=0\"}");

        assertThat(teacher.last().get("from").asText()).isEqualTo("sara \"the\" cellist");
    }
}
