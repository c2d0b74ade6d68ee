package academy.muse.signaling.room;

import academy.muse.signaling.fanout.LocalFanout;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-process fan-out, without any server: one replica alone (how {@code make run} works), and two room
 * hubs sharing one in-process bus, which must behave like two replicas sharing the broker.
 */
class LocalFanoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Limits LIMITS = new Limits(65536, Duration.ofSeconds(5), Duration.ofSeconds(15), 40, 20, 30,
            Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(20));

    private final LocalFanout bus = new LocalFanout();
    private final List<RoomHub> hubs = new ArrayList<>();

    @AfterEach
    void stop() {
        hubs.forEach(RoomHub::close);
        bus.close();
    }

    @Test
    void oneReplicaAloneRelaysBetweenItsParticipants() {
        RoomHub hub = hub();
        RecordingConnection teacher = connect(hub, "lesson", "teacher");
        RecordingConnection student = connect(hub, "lesson", "student");

        hub.onText(student.id(), "{\"type\":\"offer\",\"to\":\"teacher\",\"sdp\":\"v=0\"}");

        assertThat(teacher.types()).containsExactly("welcome", "peer-joined", "offer");
        assertThat(teacher.last().get("from").asText()).isEqualTo("student");
        assertThat(student.types()).containsExactly("welcome");
    }

    @Test
    void twoHubsOnOneBusShareARoom() {
        RoomHub first = hub();
        RoomHub second = hub();
        RecordingConnection teacher = connect(first, "lesson", "teacher");
        await().atMost(Duration.ofSeconds(5)).until(() -> second.participantsIn("lesson").contains("teacher"));

        RecordingConnection student = connect(second, "lesson", "student");
        assertThat(student.first().get("peers").get(0).get("id").asText()).isEqualTo("teacher");
        await().atMost(Duration.ofSeconds(5)).until(() -> teacher.types().contains("peer-joined"));

        second.onText(student.id(), "{\"type\":\"offer\",\"to\":\"teacher\",\"sdp\":\"across\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> teacher.types().contains("offer"));
        assertThat(teacher.last().get("sdp").asText()).isEqualTo("across");

        second.leave(student.id(), "left");
        await().atMost(Duration.ofSeconds(5)).until(() -> teacher.types().contains("peer-left"));
        assertThat(first.participantsIn("lesson")).containsExactly("teacher");
    }

    private RoomHub hub() {
        RoomHub hub = new RoomHub(bus, new IgnoredAttendance(), LIMITS, JSON, Clock.systemUTC()).start();
        hubs.add(hub);
        return hub;
    }

    private static RecordingConnection connect(RoomHub hub, String room, String participant) {
        return RecordingConnection.joined(hub, room, participant, "participant");
    }
}
