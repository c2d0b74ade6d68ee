package academy.muse.contracts.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
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
import java.util.UUID;

/**
 * The {@code outbox} collection in the service's own database. Relaying claims entries in batches with a lease and
 * a claim token, so replicas share the work and a crashed relay's claim simply expires. Every write after the insert
 * names its entries by {@code _id} (an exact id or an {@code $in}): those are index lookups in any store.
 */
@ApplicationScoped
public class Outbox {

    static final String COLLECTION = "outbox";
    private static final String ID = "_id";
    private static final String SENT_AT = "sentAt";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String CLAIM = "claim";

    private final MongoCollection<Document> collection;

    Outbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Stores an entry; storing the same event id twice keeps the first. */
    void store(OutboxEntry entry) {
        storeAll(List.of(entry));
    }

    /** Stores entries with one write; an event id stored before keeps its first entry, the others are stored. */
    void storeAll(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(entries.stream().map(Outbox::toDocument).toList(), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }

    /**
     * Claims up to {@code limit} of the oldest unsent entries whose lease has expired: one sorted query finds the
     * candidates (the only read that is not by id), then {@link #claim} takes them.
     */
    List<OutboxEntry> claimBatch(Instant now, Instant leaseUntil, int limit) {
        Bson claimable = Filters.and(Filters.eq(SENT_AT, null), Filters.lt(LEASE_UNTIL, Date.from(now)));
        List<String> candidates = collection.find(claimable).sort(Sorts.ascending("createdAt")).limit(limit)
                .projection(Projections.include(ID)).map(document -> document.getString(ID)).into(new ArrayList<>());
        return claim(candidates, now, leaseUntil);
    }

    /**
     * Claims those of these entries that are unsent and unleased, with one conditional update under a fresh claim
     * token, then reads back the ones carrying that token: of two relays claiming the same entries, each entry goes
     * to exactly one. Returns them oldest first.
     */
    List<OutboxEntry> claim(List<String> eventIds, Instant now, Instant leaseUntil) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        collection.updateMany(byIds(eventIds).append(SENT_AT, null).append(LEASE_UNTIL, new Document("$lt", Date.from(now))),
                Updates.combine(Updates.set(LEASE_UNTIL, Date.from(leaseUntil)), Updates.set(CLAIM, token),
                        Updates.inc("attempts", 1)));
        return collection.find(byIds(eventIds).append(CLAIM, token)).sort(Sorts.ascending("createdAt"))
                .map(Outbox::toEntry).into(new ArrayList<>());
    }

    void markSent(List<String> eventIds, Instant sentAt) {
        if (!eventIds.isEmpty()) {
            collection.updateMany(byIds(eventIds), Updates.set(SENT_AT, Date.from(sentAt)));
        }
    }

    /** Gives claimed entries back so that the next relay run tries them again. */
    void release(List<String> eventIds) {
        if (!eventIds.isEmpty()) {
            collection.updateMany(byIds(eventIds), Updates.set(LEASE_UNTIL, new Date(0)));
        }
    }

    public long pendingCount() {
        return collection.countDocuments(Filters.eq(SENT_AT, null));
    }

    /** Deletes the entries sent before {@code cutoff}; returns how many. */
    long purgeSentBefore(Instant cutoff) {
        return collection.deleteMany(Filters.and(Filters.ne(SENT_AT, null), Filters.lt(SENT_AT, Date.from(cutoff))))
                .getDeletedCount();
    }

    /** A filter naming entries by id, as a plain document so that further conditions stay beside {@code _id}. */
    private static Document byIds(List<String> eventIds) {
        return new Document(ID, eventIds.size() == 1 ? eventIds.get(0) : new Document("$in", eventIds));
    }

    private static Document toDocument(OutboxEntry entry) {
        return new Document(ID, entry.eventId())
                .append("address", entry.address())
                .append("type", entry.type())
                .append("subject", entry.subject())
                .append("event", entry.cloudEventJson())
                .append("createdAt", Date.from(entry.createdAt()))
                .append(LEASE_UNTIL, new Date(0))
                .append("attempts", 0)
                .append(SENT_AT, null);
    }

    private static OutboxEntry toEntry(Document document) {
        return new OutboxEntry(document.getString(ID), document.getString("address"), document.getString("type"),
                document.getString("subject"), document.getString("event"), document.getDate("createdAt").toInstant());
    }
}
