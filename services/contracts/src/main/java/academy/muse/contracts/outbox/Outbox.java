package academy.muse.contracts.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The {@code outbox} collection in the service's own database. Relaying claims entries in batches, each entry
 * with a lease (findOneAndUpdate), so replicas share the work and a crashed relay's claim simply expires.
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

    /**
     * Claims up to {@code limit} of the oldest unsent entries whose lease has expired. One sorted query finds the
     * candidates and each is then claimed by its id, so a batch costs one scan of the outbox rather than one per
     * event (which made thousands of pending events slow to drain). A candidate another replica claimed in between
     * fails the claim's filter and is skipped.
     */
    List<OutboxEntry> claimBatch(Instant now, Instant leaseUntil, int limit) {
        Bson claimable = Filters.and(Filters.eq("sentAt", null), Filters.lt("leaseUntil", Date.from(now)));
        Bson claim = Updates.combine(Updates.set("leaseUntil", Date.from(leaseUntil)), Updates.inc("attempts", 1));
        List<Object> candidates = collection.find(claimable).sort(Sorts.ascending("createdAt")).limit(limit)
                .projection(Projections.include("_id")).map(document -> document.get("_id")).into(new ArrayList<>());
        List<OutboxEntry> claimed = new ArrayList<>(candidates.size());
        for (Object id : candidates) {
            Document won = collection.findOneAndUpdate(Filters.and(Filters.eq("_id", id), claimable), claim,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (won != null) {
                claimed.add(toEntry(won));
            }
        }
        return claimed;
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
