package academy.muse.platform.outbox;

import academy.muse.platform.lease.Lease;
import com.mongodb.client.MongoClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.List;

/**
 * The {@code outbox} collection in the service's own database, a {@link SendQueue} of events: relaying claims
 * entries in batches under one {@link Lease}, so replicas share the work and a crashed relay's claim simply runs out.
 */
@ApplicationScoped
public class Outbox {

    static final String COLLECTION = "outbox";

    private final SendQueue queue;

    Outbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.queue = SendQueue.on(mongo.getDatabase(database).getCollection(COLLECTION));
    }

    /** Stores entries with one write; an event id stored before keeps its first entry, the others are stored. */
    void storeAll(List<OutboxEntry> entries, Instant createdAt) {
        queue.storeAll(entries.stream().map(Outbox::toDocument).toList(), createdAt);
    }

    /** Claims up to {@code limit} of the oldest waiting entries no relay holds. */
    Lease.Held<List<OutboxEntry>> claimBatch(Instant now, Instant leaseUntil, int limit) {
        return entries(queue.claimOldest(null, now, leaseUntil, limit));
    }

    /** Claims those of these entries that are waiting and no relay holds; returns them oldest first. */
    Lease.Held<List<OutboxEntry>> claim(List<String> eventIds, Instant now, Instant leaseUntil) {
        return entries(queue.claim(eventIds, null, now, leaseUntil));
    }

    void markSent(List<String> eventIds, Instant sentAt) {
        queue.markSent(eventIds, sentAt, null);
    }

    /** Gives claimed entries back so that the next relay run tries them again. */
    void release(List<String> eventIds, String token) {
        queue.release(eventIds, token, null);
    }

    public long pendingCount() {
        return queue.waitingCount();
    }

    /** Deletes the entries sent before {@code cutoff}; returns how many. */
    long purgeSentBefore(Instant cutoff) {
        return queue.purgeSentBefore(cutoff);
    }

    private static Lease.Held<List<OutboxEntry>> entries(Lease.Held<List<Document>> held) {
        return new Lease.Held<>(held.token(), held.value().stream().map(Outbox::toEntry).toList());
    }

    private static Document toDocument(OutboxEntry entry) {
        return new Document("_id", entry.eventId())
                .append("address", entry.address())
                .append("type", entry.type())
                .append("subject", entry.subject())
                .append("event", entry.cloudEventJson());
    }

    private static OutboxEntry toEntry(Document document) {
        return new OutboxEntry(document.getString("_id"), document.getString("address"), document.getString("type"),
                document.getString("subject"), document.getString("event"),
                document.getDate(SendQueue.CREATED_AT).toInstant());
    }
}
