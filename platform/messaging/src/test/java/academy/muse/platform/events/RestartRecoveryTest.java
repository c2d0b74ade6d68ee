package academy.muse.platform.events;

import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.outbox.BrokerSender;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.platform.outbox.Outbox;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database and the broker restart under a running service (a rescheduled pod, or devstack restarted mid-lesson):
 * the MongoDB driver and the AMQP consumers and relay reconnect by themselves, the outbox keeps what it holds, and
 * every event takes effect exactly once. The store here keeps its data in a file, as devstack's does, so that it
 * comes back with it.
 */
@QuarkusTest
@WithTestResource(value = MongoTestResource.class, initArgs = @ResourceArg(name = MongoTestResource.PERSISTENT, value = "true"))
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RestartRecoveryTest {

    @Inject
    EventPublisher publisher;
    @Inject
    RecordingConsumer consumer;
    @Inject
    Outbox outbox;
    @Inject
    BrokerSender broker;

    @BeforeEach
    void storeAndBrokerAreUp() {
        MongoTestResource.startStore();
        BrokerTestResource.startBroker();
    }

    @Test
    void eventsWaitingInTheOutboxSurviveAStoreRestartAndTakeEffectOnceEach() {
        BrokerTestResource.stopBroker();
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> waiting = cancellations(20, "store restart");
        publisher.publishAll(Events.LESSON_CANCELLED, waiting);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() >= waiting.size());

        MongoTestResource.stopStore();
        MongoTestResource.startStore();
        BrokerTestResource.startBroker();

        await().atMost(Duration.ofSeconds(60)).until(() -> lessonsAffected(waiting).size() == waiting.size());
        assertThat(lessonsAffected(waiting)).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() == 0);
    }

    @Test
    void anEventDeliveredWhileTheStoreIsDownTakesEffectOnceItIsBackAndARedeliveryHasNone() throws Exception {
        String lesson = "occ-" + UUID.randomUUID();
        String eventId = LessonEvents.LessonCancelled.eventId(lesson);
        MongoTestResource.stopStore();

        sendDirectly(eventId, lesson);
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.deliveries().contains(eventId));
        // The consumer cannot look the event up in its inbox: it waits for the store instead of losing the event.
        Thread.sleep(1_000);
        assertThat(effectsOn(lesson)).isZero();

        MongoTestResource.startStore();
        await().atMost(Duration.ofSeconds(60)).until(() -> effectsOn(lesson) == 1);

        sendDirectly(eventId, lesson);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> consumer.deliveries().stream().filter(eventId::equals).count() >= 2);
        assertThat(effectsOn(lesson)).isEqualTo(1);
    }

    @Test
    void eventsInFlightWhenTheBrokerRestartsReachTheConsumerAndTakeEffectOnceEach() {
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> batch = cancellations(40, "broker restart");

        publisher.publishAll(Events.LESSON_CANCELLED, batch);
        BrokerTestResource.stopBroker();
        BrokerTestResource.startBroker();

        // Those the broker had accepted wait in the consumer's durable queue; the rest in the outbox.
        await().atMost(Duration.ofSeconds(60)).until(() -> lessonsAffected(batch).size() == batch.size());
        assertThat(lessonsAffected(batch)).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() == 0);
    }

    /** As another service's relay sends it: straight to the broker, not through this service's outbox. */
    private void sendDirectly(String eventId, String lesson) throws BrokerSender.BrokerUnavailableException {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/muse/scheduling","type":"%s","subject":"%s",
                 "data":{"occurrenceId":"%s","teacherId":"teacher-1","reason":"store restart"}}"""
                .formatted(eventId, Events.LESSON_CANCELLED.type(), lesson, lesson);
        broker.send(Events.LESSON_CANCELLED.address(), eventId, CloudEvent.CONTENT_TYPE, event, Duration.ofSeconds(10));
    }

    private long effectsOn(String lesson) {
        return consumer.effects().stream().filter(effect -> effect.occurrenceId().equals(lesson)).count();
    }

    /** The lessons of these events that the consumer's effect has seen, once per effect. */
    private List<String> lessonsAffected(List<EventPublisher.Publication<LessonEvents.LessonCancelled>> events) {
        List<String> lessons = events.stream().map(EventPublisher.Publication::subject).toList();
        return consumer.effects().stream().map(LessonEvents.LessonCancelled::occurrenceId).filter(lessons::contains).toList();
    }

    private static List<EventPublisher.Publication<LessonEvents.LessonCancelled>> cancellations(int count, String reason) {
        String run = UUID.randomUUID().toString();
        return IntStream.range(0, count).mapToObj(i -> {
            String lesson = "occ-" + run + "-" + i;
            return new EventPublisher.Publication<>(LessonEvents.LessonCancelled.eventId(lesson), lesson,
                    new LessonEvents.LessonCancelled(lesson, null, "teacher-1", reason));
        }).toList();
    }
}
