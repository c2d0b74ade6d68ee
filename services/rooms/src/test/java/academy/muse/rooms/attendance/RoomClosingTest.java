package academy.muse.rooms.attendance;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.ParticipantEvents;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.platform.outbox.OutboxRelay;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.room.Room;
import academy.muse.rooms.support.RoomEventsProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static academy.muse.rooms.support.RoomFixtures.lessonRoom;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Attendance from signaling's events through the real broker, and room.closed once per room. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomClosingTest {

    @Inject
    EventPublisher signaling;
    @Inject
    RoomCloser closer;
    @Inject
    RoomEventsProbe probe;
    @Inject
    OutboxRelay relay;

    private final String teacher = newId("teacher");
    private final String student = newId("student");
    private final String observer = newId("observer");

    @BeforeEach
    void brokerIsUp() {
        BrokerTestResource.startBroker();
    }

    private void joined(String code, String accountId, String connection, Instant at) {
        signaling.publish(Events.PARTICIPANT_JOINED, code,
                new ParticipantEvents.ParticipantJoined(code, accountId, "participant", connection, at));
    }

    private void left(String code, String accountId, String connection, Instant at) {
        signaling.publish(Events.PARTICIPANT_LEFT, code,
                new ParticipantEvents.ParticipantLeft(code, accountId, "participant", connection, at));
    }

    private static Room room(String code) {
        return Room.findById(code);
    }

    private CloudEvent closedEvent(String code) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.about(code, Events.ROOM_CLOSED.type()).isEmpty());
        return probe.about(code, Events.ROOM_CLOSED.type()).get(0);
    }

    @Test
    void aLessonRoomClosesWhenItsWindowEndsAndSaysWhoCame() {
        Instant startsAt = now().minus(Duration.ofMinutes(70));
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, student, observer);
        joined(code, student, "c-" + student, startsAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).attended.contains(student));

        assertThat(closer.closeDue(Instant.now())).contains(code);

        CloudEvent closed = closedEvent(code);
        assertThat(closed.id()).isEqualTo(RoomEvents.RoomClosed.eventId(code));
        assertThat(closed.data().get("reason").asText()).isEqualTo("ended");
        assertThat(closed.data().get("closedAt").asText()).isEqualTo(startsAt.plus(Duration.ofMinutes(60)).toString());
        assertThat(closed.data().get("attended")).hasSize(1);
        assertThat(closed.data().get("attended").get(0).asText()).isEqualTo(student);
        assertThat(closed.data().get("participants")).hasSize(3);
        ticket(TestTokens.student(student, teacher), code).statusCode(409);
    }

    @Test
    void aRoomIsClosedOnceHoweverOftenTheCloserRuns() {
        String code = lessonRoom(now().minus(Duration.ofHours(2)), Duration.ofMinutes(30), teacher, student, observer);

        assertThat(closer.closeDue(Instant.now())).contains(code);
        assertThat(closer.closeDue(Instant.now())).doesNotContain(code);
        closedEvent(code);
        relay.relayPending();

        assertThat(probe.about(code, Events.ROOM_CLOSED.type())).hasSize(1);
        assertThat(probe.about(code, Events.ROOM_CLOSED.type()).get(0).data().get("attended")).isEmpty();
    }

    @Test
    void aRoomEveryoneLeftClosesAfterItHasBeenEmptyForTenMinutes() {
        Instant startsAt = now().minus(Duration.ofMinutes(30));
        String code = lessonRoom(startsAt, Duration.ofMinutes(60), teacher, student, observer);
        Instant leftAt = now().minus(Duration.ofMinutes(12));
        joined(code, teacher, "c-teacher", startsAt);
        joined(code, student, "c-student", startsAt.plusSeconds(30));
        left(code, student, "c-student", leftAt.minusSeconds(30));
        left(code, teacher, "c-teacher", leftAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> leftAt.equals(room(code).emptySince));

        assertThat(closer.closeDue(Instant.now())).contains(code);

        CloudEvent closed = closedEvent(code);
        assertThat(closed.data().get("reason").asText()).isEqualTo("empty");
        assertThat(closed.data().get("closedAt").asText()).isEqualTo(leftAt.plus(Duration.ofMinutes(10)).toString());
        assertThat(closed.data().get("attended")).hasSize(2);
    }

    @Test
    void aRoomWithSomeoneInItStaysOpen() {
        Instant startsAt = now().minus(Duration.ofMinutes(30));
        String code = lessonRoom(startsAt, Duration.ofMinutes(60), teacher, student, observer);
        joined(code, teacher, "c-teacher", startsAt);
        joined(code, student, "c-student", startsAt);
        left(code, student, "c-student", now().minus(Duration.ofMinutes(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).departed.contains("c-student"));

        assertThat(closer.closeDue(Instant.now())).doesNotContain(code);
        ticket(TestTokens.student(student, teacher), code).statusCode(200);
    }

    @Test
    void aLeaveThatArrivesBeforeItsJoinDoesNotKeepTheRoomAlive() {
        Instant startsAt = now().minus(Duration.ofMinutes(30));
        String code = lessonRoom(startsAt, Duration.ofMinutes(60), teacher, student, observer);
        Instant leftAt = now().minus(Duration.ofMinutes(15));
        left(code, student, "c-late", leftAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).departed.contains("c-late"));
        joined(code, student, "c-late", startsAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).attended.contains(student));

        assertThat(room(code).present).isEmpty();
        assertThat(closer.closeDue(Instant.now())).contains(code);
        assertThat(closedEvent(code).data().get("reason").asText()).isEqualTo("empty");
    }

    @Test
    void aStudentOnASecondDeviceReplacesTheFirstAndCountsAsOneAttendee() {
        String code = lessonRoom(now().minus(Duration.ofMinutes(5)), Duration.ofMinutes(60), teacher, student, observer);
        Instant at = now();
        joined(code, student, "c-1", at);
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).present.equals(List.of("c-1")));
        joined(code, student, "c-2", at.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).present.equals(List.of("c-2")));

        assertThat(room(code).attended).isEqualTo(List.of(student));
        assertThat(room(code).departed).contains("c-1");
    }

    @Test
    void aRoomClosesAsEmptyAfterASignalingCrashOnceEveryoneHasLeftTheirNewConnections() {
        Instant startsAt = now().minus(Duration.ofMinutes(40));
        String code = lessonRoom(startsAt, Duration.ofMinutes(60), teacher, student, observer);
        joined(code, teacher, "c-teacher-old", startsAt);
        joined(code, student, "c-student-old", startsAt.plusSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).present.size() == 2);
        // The signaling instance crashes: no "left" for the old connections; both reconnect through another.
        joined(code, teacher, "c-teacher-new", startsAt.plusSeconds(60));
        joined(code, student, "c-student-new", startsAt.plusSeconds(70));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> room(code).present.containsAll(List.of("c-teacher-new", "c-student-new")));
        assertThat(room(code).present).containsExactlyInAnyOrder("c-teacher-new", "c-student-new");
        Instant leftAt = now().minus(Duration.ofMinutes(11));
        left(code, student, "c-student-new", leftAt.minusSeconds(30));
        left(code, teacher, "c-teacher-new", leftAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> leftAt.equals(room(code).emptySince));

        assertThat(room(code).present).isEmpty();
        assertThat(closer.closeDue(Instant.now())).contains(code);
        CloudEvent closed = closedEvent(code);
        assertThat(closed.data().get("reason").asText()).isEqualTo("empty");
        assertThat(closed.data().get("closedAt").asText()).isEqualTo(leftAt.plus(Duration.ofMinutes(10)).toString());
        assertThat(closed.data().get("attended")).hasSize(2);
        relay.relayPending();
        assertThat(probe.about(code, Events.ROOM_CLOSED.type())).hasSize(1);
    }

    @Test
    void aLateLeaveOfAReplacedConnectionDoesNotMakeTheParticipantAbsent() {
        Instant startsAt = now().minus(Duration.ofMinutes(30));
        String code = lessonRoom(startsAt, Duration.ofMinutes(60), teacher, student, observer);
        joined(code, student, "c-before-crash", startsAt);
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).present.equals(List.of("c-before-crash")));
        joined(code, student, "c-after-crash", startsAt.plusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> room(code).present.equals(List.of("c-after-crash")));
        left(code, student, "c-before-crash", now().minus(Duration.ofMinutes(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(3).equals(room(code).presenceVersion));
        // A "joined" of the replaced connection delivered late does not bring it back either.
        joined(code, student, "c-before-crash", startsAt);
        relay.relayPending();

        assertThat(room(code).present).isEqualTo(List.of("c-after-crash"));
        assertThat(room(code).emptySince).isNull();
        assertThat(closer.closeDue(Instant.now())).doesNotContain(code);
        ticket(TestTokens.student(student, teacher), code).statusCode(200);
    }
}
