package academy.muse.platform.outbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.events.RecordingConsumer;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox's batch paths through the real embedded Artemis and the real MongoDB-wire store. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class OutboxBatchTest {

    @Inject
    EventPublisher publisher;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    BrokerSender broker;
    @Inject
    RecordingConsumer consumer;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @BeforeEach
    void brokerIsUp() {
        BrokerTestResource.startBroker();
    }

    @Test
    void aBatchPublishedAtOnceReachesTheConsumerOnceEachAndLeavesNothingWaiting() {
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> batch = cancellations(120);

        publisher.publishAll(Events.LESSON_CANCELLED, batch);

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.deliveries().containsAll(ids(batch)));
        assertThat(ids(batch)).allSatisfy(id ->
                assertThat(consumer.deliveries().stream().filter(id::equals)).as("deliveries of %s", id).hasSize(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() == 0);
    }

    @Test
    void anEventIdAlreadyStoredIsKeptOnceWhenABatchRepeatsIt() {
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> first = cancellations(3);
        publisher.publishAll(Events.LESSON_CANCELLED, first);
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> fresh = cancellations(2);
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> again =
                List.of(first.get(0), fresh.get(0), first.get(2), fresh.get(1));

        publisher.publishAll(Events.LESSON_CANCELLED, again);

        assertThat(outboxRows(ids(again))).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.deliveries().containsAll(ids(again)));
    }

    @Test
    void aBatchTheBrokerAcceptedButThatWasNotMarkedSentGoesOutAgainAndIsHandledOnce() throws Exception {
        BrokerTestResource.stopBroker();
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> batch = cancellations(20);
        publisher.publishAll(Events.LESSON_CANCELLED, batch);
        // A relay claims the batch with a short lease, the broker accepts it, and the relay dies before marking it.
        List<OutboxEntry> claimed = claimWhenFree(ids(batch), Duration.ofSeconds(5));
        BrokerTestResource.startBroker();
        List<String> accepted = broker.sendAll(claimed.stream().map(entry -> new BrokerSender.Message(entry.address(),
                entry.eventId(), CloudEvent.CONTENT_TYPE, entry.cloudEventJson())).toList(), Duration.ofSeconds(10));
        assertThat(accepted).hasSize(20);
        assertThat(relay.relayPending()).as("nothing to send while the dead relay's lease runs").isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            relay.relayPending();
            return outbox.pendingCount() == 0;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> ids(batch).stream()
                .allMatch(id -> consumer.deliveries().stream().filter(id::equals).count() == 2));
        for (EventPublisher.Publication<LessonEvents.LessonCancelled> event : batch) {
            assertThat(consumer.effects().stream().filter(effect -> effect.occurrenceId().equals(event.subject())))
                    .as("effects of %s", event.eventId()).hasSize(1);
        }
    }

    @Test
    void sentEventsAreDeletedOnceTheirRetentionHasPassedAndWaitingOnesAreKept() {
        BrokerTestResource.stopBroker();
        List<EventPublisher.Publication<LessonEvents.LessonCancelled>> waiting = cancellations(2);
        publisher.publishAll(Events.LESSON_CANCELLED, waiting);
        List<OutboxEntry> sentEarlier = claimWhenFree(ids(waiting).subList(0, 1), Duration.ofSeconds(60));
        outbox.markSent(List.of(sentEarlier.get(0).eventId()), Instant.now().minus(Duration.ofHours(1)));

        outbox.purgeSentBefore(Instant.now().minus(Duration.ofMinutes(15)));

        assertThat(outboxRows(ids(waiting).subList(0, 1))).as("sent an hour ago").isZero();
        assertThat(outboxRows(ids(waiting).subList(1, 2))).as("still waiting").isEqualTo(1);
    }

    @Test
    void entriesStoredByTheOldOutboxWithAnEpochOrPastLeaseAreClaimedAndOneStillLeasedIsNot() {
        BrokerTestResource.stopBroker();
        Instant now = Instant.now();
        String run = UUID.randomUUID().toString();
        // The outbox before the shared lease wrote Date(0) for "free" and kept its token in "claim".
        storeAsTheOldOutboxDid("old-epoch-" + run, new Date(0), null, now);
        storeAsTheOldOutboxDid("old-past-" + run, Date.from(now.minusSeconds(5)), "crashed-relay", now);
        storeAsTheOldOutboxDid("old-held-" + run, Date.from(now.plusSeconds(60)), "live-relay", now);

        List<OutboxEntry> claimed = outbox.claim(List.of("old-epoch-" + run, "old-past-" + run, "old-held-" + run),
                now, now.plusSeconds(30)).value();

        assertThat(claimed).extracting(OutboxEntry::eventId).containsExactly("old-epoch-" + run, "old-past-" + run);
    }

    private void storeAsTheOldOutboxDid(String eventId, Date leaseUntil, String claim, Instant createdAt) {
        mongo.getDatabase(database).getCollection("outbox").insertOne(new Document("_id", eventId)
                .append("address", "lesson").append("type", Events.LESSON_CANCELLED.type()).append("subject", eventId)
                .append("event", "{}").append("createdAt", Date.from(createdAt.minusSeconds(eventId.startsWith("old-epoch") ? 2 : 1)))
                .append("leaseUntil", leaseUntil).append("attempts", 1).append("claim", claim).append("sentAt", null));
    }

    /**
     * Claims all of these entries, as a relay would, once no relay run holds them: the relay tries just-published
     * events at once on its own thread and every second besides, and while such a run holds them (the broker is
     * down, so it gives them back) a claim finds nothing. A failed claim changes nothing, so it is simply retried.
     */
    private List<OutboxEntry> claimWhenFree(List<String> ids, Duration lease) {
        List<List<OutboxEntry>> claimed = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Instant now = Instant.now();
            List<OutboxEntry> entries = outbox.claim(ids, now, now.plus(lease)).value();
            if (entries.isEmpty()) {
                return false;
            }
            claimed.add(entries);
            return true;
        });
        assertThat(claimed.get(0)).as("every entry claimed at once").hasSize(ids.size());
        return claimed.get(0);
    }

    private long outboxRows(List<String> ids) {
        return mongo.getDatabase(database).getCollection("outbox", Document.class).countDocuments(Filters.in("_id", ids));
    }

    private static List<EventPublisher.Publication<LessonEvents.LessonCancelled>> cancellations(int count) {
        String run = UUID.randomUUID().toString();
        return IntStream.range(0, count).mapToObj(i -> {
            String lesson = "occ-" + run + "-" + i;
            return new EventPublisher.Publication<>(LessonEvents.LessonCancelled.eventId(lesson), lesson,
                    new LessonEvents.LessonCancelled(lesson, null, "teacher-1", "batch"));
        }).toList();
    }

    private static List<String> ids(List<EventPublisher.Publication<LessonEvents.LessonCancelled>> events) {
        return events.stream().map(EventPublisher.Publication::eventId).toList();
    }
}
