package academy.muse.platform.events;

import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.outbox.BrokerSender;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.platform.outbox.Outbox;
import academy.muse.platform.outbox.OutboxRelay;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events through the real embedded Artemis and the real MongoDB-wire store. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class EventDeliveryTest {

    @Inject
    EventPublisher publisher;
    @Inject
    RecordingConsumer consumer;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    BrokerSender broker;
    @Inject
    CloudEvents cloudEvents;

    @BeforeEach
    void brokerIsUp() {
        BrokerTestResource.startBroker();
    }

    @Test
    void anEventPublishedByOneServiceReachesAnotherThroughTheBroker() {
        String lesson = "occ-" + UUID.randomUUID();
        String eventId = publisher.publish(Events.LESSON_CANCELLED, lesson,
                new LessonEvents.LessonCancelled(lesson, "series-1", "teacher-1", "teacher ill"));

        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.deliveries().contains(eventId));
        // The consumer notes the delivery before it applies the effect.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(consumer.effects())
                .anySatisfy(effect -> assertThat(effect.occurrenceId()).isEqualTo(lesson)));
    }

    @Test
    void eventsPublishedWhileTheBrokerIsDownWaitAndArriveAfterItRestarts() {
        BrokerTestResource.stopBroker();
        String lesson = "occ-" + UUID.randomUUID();
        String eventId = publisher.publish(Events.LESSON_CANCELLED, lesson,
                new LessonEvents.LessonCancelled(lesson, null, "teacher-1", "broker outage"));

        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() >= 1);
        assertThat(relay.relayPending()).isZero();
        assertThat(consumer.deliveries()).doesNotContain(eventId);

        BrokerTestResource.startBroker();
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.deliveries().contains(eventId));
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void aDuplicateDeliveryHasNoSecondEffect() throws Exception {
        String lesson = "occ-" + UUID.randomUUID();
        String eventId = publisher.publish(Events.LESSON_CANCELLED, lesson,
                new LessonEvents.LessonCancelled(lesson, null, "teacher-1", "duplicate"));
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.deliveries().contains(eventId));

        String sameEventAgain = """
                {"specversion":"1.0","id":"%s","source":"/muse/contracts-test","type":"%s",
                 "subject":"%s","data":{"occurrenceId":"%s","teacherId":"teacher-1","reason":"duplicate"}}"""
                .formatted(eventId, Events.LESSON_CANCELLED.type(), lesson, lesson);
        broker.send(Events.LESSON_CANCELLED.address(), eventId, CloudEvent.CONTENT_TYPE, sameEventAgain,
                Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> consumer.deliveries().stream().filter(eventId::equals).count() == 2);
        assertThat(consumer.effects().stream().filter(effect -> effect.occurrenceId().equals(lesson))).hasSize(1);
    }

    @Test
    void aCloudEventCarriesItsVersionedTypeAndSource() {
        CloudEvent event = cloudEvents.parse("""
                {"specversion":"1.0","id":"e1","source":"/muse/rooms","type":"academy.muse.room.closed.v1",
                 "time":"2026-11-28T10:00:00Z","subject":"ABC","data":{"roomCode":"ABC","participants":[],
                 "attended":[],"reason":"ended"}}""");
        assertThat(cloudEvents.dataIf(event, Events.ROOM_CLOSED)).get()
                .satisfies(closed -> assertThat(closed.roomCode()).isEqualTo("ABC"));
        assertThat(cloudEvents.dataIf(event, Events.ROOM_OPENED)).isEmpty();
        assertThat(Events.ROOM_CLOSED.address()).isEqualTo("muse.room");
    }
}
