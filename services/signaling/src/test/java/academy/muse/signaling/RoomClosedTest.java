package academy.muse.signaling;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.signaling.room.CloseCodes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No socket outlives its room: rooms' room.closed, through the broker, ends every connection to that room. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomClosedTest extends PeerFixture {

    @Inject
    EventPublisher publisher;

    @Test
    void closingTheRoomEndsEveryConnectionToItAndNoOther() {
        String closing = newRoom();
        String other = newRoom();
        TestPeer teacher = join(closing, "teacher-c", "host");
        TestPeer student = join(closing, "student-c", "participant");
        TestPeer elsewhere = join(other, "student-o", "participant");

        publisher.publish(Events.ROOM_CLOSED, closing, new RoomEvents.RoomClosed(closing, "occ-" + closing,
                List.of(new RoomEvents.Participant("teacher-c", "host")), List.of("teacher-c", "student-c"),
                Instant.now(), "ended"));

        assertThat(teacher.closeCode()).isEqualTo(CloseCodes.ROOM_CLOSED);
        assertThat(student.closeCode()).isEqualTo(CloseCodes.ROOM_CLOSED);
        assertThat(elsewhere.isClosed()).isFalse();
    }
}
