package academy.muse.signaling.room;

import academy.muse.signaling.fanout.LocalFanout;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection that vanishes without a goodbye (the gateway carrying it restarted) keeps its participant in the room
 * for the reconnect grace; only a participant who does not come back within it leaves, once.
 */
class ReconnectGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    /** Timers tick every 50 ms; the heartbeat timeout is out of reach of the moved clock. */
    private static final Limits LIMITS = new Limits(65536, Duration.ofMillis(50), Duration.ofHours(1), 40, 20, 30,
            Duration.ofSeconds(5), Duration.ofSeconds(20), GRACE);

    private final ReplicaLivenessTest.MovableClock clock = new ReplicaLivenessTest.MovableClock();
    private final CountingAttendance attendance = new CountingAttendance();
    private final LocalFanout bus = new LocalFanout();
    private final RoomHub hub = new RoomHub(bus, attendance, LIMITS, new ObjectMapper(), clock).start();

    @AfterEach
    void stop() {
        hub.close();
        bus.close();
    }

    @Test
    void aParticipantWhoReconnectsWithinTheGraceNeverLeavesTheRoom() {
        RecordingConnection teacher = RecordingConnection.joined(hub, "lesson", "teacher", "host");
        RecordingConnection student = RecordingConnection.joined(hub, "lesson", "student", "participant");

        hub.drop(student.id(), "lost");
        clock.advance(GRACE.dividedBy(2));
        RecordingConnection back = RecordingConnection.joined(hub, "lesson", "student", "participant");
        clock.advance(GRACE.multipliedBy(2));
        waitForTimers();

        assertThat(teacher.types()).containsExactly("welcome", "peer-joined", "peer-rejoined");
        assertThat(back.first().get("peers").get(0).get("id").asText()).isEqualTo("teacher");
        assertThat(hub.participantsIn("lesson")).containsExactlyInAnyOrder("teacher", "student");
        assertThat(attendance.left).isEmpty();
        // The reconnect's connection is announced to rooms (it replaces the old one there); nobody left.
        assertThat(attendance.joined).containsExactly("teacher", "student", "student");
    }

    @Test
    void aParticipantWhoDoesNotComeBackLeavesOnceTheGraceHasRunOut() {
        RecordingConnection teacher = RecordingConnection.joined(hub, "lesson", "teacher", "host");
        RecordingConnection student = RecordingConnection.joined(hub, "lesson", "student", "participant");

        hub.drop(student.id(), "lost");
        clock.advance(GRACE.minusSeconds(1));
        waitForTimers();
        assertThat(teacher.types()).doesNotContain("peer-left");
        assertThat(hub.participantsIn("lesson")).contains("student");

        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> teacher.types().contains("peer-left"));
        assertThat(teacher.last().get("peerId").asText()).isEqualTo("student");
        assertThat(teacher.last().get("reason").asText()).isEqualTo("lost");
        waitForTimers();
        assertThat(attendance.left).containsExactly("student");
        assertThat(hub.participantsIn("lesson")).containsExactly("teacher");
    }

    @Test
    void aGoodbyeLeavesTheRoomAtOnce() {
        RecordingConnection teacher = RecordingConnection.joined(hub, "lesson", "teacher", "host");
        RecordingConnection student = RecordingConnection.joined(hub, "lesson", "student", "participant");

        hub.leave(student.id(), "left");

        assertThat(teacher.types()).containsExactly("welcome", "peer-joined", "peer-left");
        assertThat(attendance.left).containsExactly("student");
    }

    @Test
    void aRoomClosedDuringTheGraceLetsTheWaitingParticipantGo() {
        RecordingConnection.joined(hub, "lesson", "teacher", "host");
        RecordingConnection student = RecordingConnection.joined(hub, "lesson", "student", "participant");
        hub.drop(student.id(), "lost");

        hub.closeRoom("lesson");

        assertThat(hub.participantsIn("lesson")).isEmpty();
        assertThat(attendance.left).containsExactlyInAnyOrder("teacher", "student");
    }

    /** Lets the hub's timers (every 50 ms) run a few times with the clock where the test moved it. */
    private static void waitForTimers() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class CountingAttendance implements Attendance {

        final List<String> joined = new CopyOnWriteArrayList<>();
        final List<String> left = new CopyOnWriteArrayList<>();

        @Override
        public void joined(PeerRecord peer) {
            joined.add(peer.participantId());
        }

        @Override
        public void left(PeerRecord peer) {
            left.add(peer.participantId());
        }
    }
}
