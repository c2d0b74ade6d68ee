package academy.muse.contracts.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The {@code outbox} collection in the service's own database. Relaying claims one entry at a time with
 * a lease (findOneAndUpdate), so replicas share the work and a crashed relay's claim simply expires.
 */
@ApplicationScoped
public class Outbox {

    static final String COLLECTION = "outbox";

    private final MongoCollection<Document> collection;

    Outbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Stores an entry; storing the same event id twice keeps the first. */
    void store(OutboxEntry entry) {
        try {
            collection.insertOne(new Document("_id", entry.eventId())
                    .append("address", entry.address())
                    .append("type", entry.type())
                    .append("subject", entry.subject())
                    .append("event", entry.cloudEventJson())
                    .append("createdAt", Date.from(entry.createdAt()))
                    .append("leaseUntil", new Date(0))
                    .append("attempts", 0)
                    .append("sentAt", null));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Claims the oldest unsent entry whose lease has expired. */
    Optional<OutboxEntry> claimNext(Instant now, Instant leaseUntil) {
        Document claimed = collection.findOneAndUpdate(
                Filters.and(Filters.eq("sentAt", null), Filters.lt("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("leaseUntil", Date.from(leaseUntil)), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(Outbox::toEntry);
    }

    void markSent(String eventId, Instant sentAt) {
        collection.updateOne(Filters.eq("_id", eventId), Updates.set("sentAt", Date.from(sentAt)));
    }

    /** Gives a claimed entry back so that the next relay run tries it again. */
    void release(String eventId) {
        collection.updateOne(Filters.eq("_id", eventId), Updates.set("leaseUntil", new Date(0)));
    }

    public long pendingCount() {
        return collection.countDocuments(Filters.eq("sentAt", null));
    }

    void purgeSentBefore(Instant cutoff) {
        collection.deleteMany(Filters.and(Filters.ne("sentAt", null), Filters.lt("sentAt", Date.from(cutoff))));
    }

    private static OutboxEntry toEntry(Document document) {
        return new OutboxEntry(document.getString("_id"), document.getString("address"), document.getString("type"),
                document.getString("subject"), document.getString("event"), document.getDate("createdAt").toInstant());
    }
}
