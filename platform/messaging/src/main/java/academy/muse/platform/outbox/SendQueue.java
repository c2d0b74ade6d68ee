package academy.muse.platform.outbox;

import academy.muse.platform.lease.Lease;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * A collection of things to send at least once, each a document under its own derived {@code _id}: the event outbox
 * and the gateway's mail outbox. An item waits while {@value #SENT_AT} is null; a sender claims a batch under one
 * {@link Lease} (so replicas share the work and a crashed sender's claim runs out), sends it, and marks what went
 * out. Every write after the sorted search for waiting items names its items by {@code _id}: index lookups in any
 * store.
 */
public final class SendQueue {

    public static final String SENT_AT = "sentAt";
    public static final String CREATED_AT = "createdAt";
    public static final String ATTEMPTS = "attempts";
    private static final String ID = "_id";

    private final MongoCollection<Document> collection;
    private final Lease<Document> lease;

    private SendQueue(MongoCollection<Document> collection) {
        this.collection = collection;
        this.lease = Lease.on(collection);
    }

    public static SendQueue on(MongoCollection<Document> collection) {
        return new SendQueue(collection);
    }

    /**
     * Stores items with one write, stamped {@code createdAt} and waiting; an id stored before keeps its first item.
     * Returns how many were new.
     */
    public int storeAll(List<Document> items, Instant createdAt) {
        if (items.isEmpty()) {
            return 0;
        }
        List<Document> waiting = items.stream().map(item -> new Document(item)
                .append(CREATED_AT, Date.from(createdAt)).append(ATTEMPTS, 0).append(SENT_AT, null)).toList();
        try {
            return collection.insertMany(waiting, new InsertManyOptions().ordered(false)).getInsertedIds().size();
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
            return items.size() - e.getWriteErrors().size();
        }
    }

    /**
     * Claims up to {@code limit} of the oldest waiting items that are free and match {@code due} (may be null): one
     * sorted query finds the candidates, then {@link #claim} takes them. Each claim counts as an attempt.
     */
    public Lease.Held<List<Document>> claimOldest(Bson due, Instant now, Instant until, int limit) {
        Bson waiting = waitingAnd(due);
        List<Object> candidates = collection.find(Filters.and(waiting, Lease.free(now)))
                .sort(Sorts.ascending(CREATED_AT)).limit(limit).projection(Projections.include(ID))
                .map(document -> document.get(ID)).into(new ArrayList<>());
        return claim(candidates, due, now, until);
    }

    /**
     * Claims those of these items that are still waiting, free and match {@code due} (may be null), under one token;
     * of two senders claiming the same items, each goes to exactly one. Returns them oldest first.
     */
    public Lease.Held<List<Document>> claim(Collection<?> ids, Bson due, Instant now, Instant until) {
        Lease.Held<List<Document>> held = lease.claimEach(ids, waitingAnd(due), Updates.inc(ATTEMPTS, 1), now, until);
        List<Document> oldestFirst = new ArrayList<>(held.value());
        oldestFirst.sort(Comparator.comparing(document -> document.getDate(CREATED_AT)));
        return new Lease.Held<>(held.token(), oldestFirst);
    }

    /**
     * Marks items sent, with {@code alsoSet} (may be null), whoever holds them now: once sent they are sent, even by
     * a sender whose lease ran out.
     */
    public void markSent(Collection<?> ids, Instant sentAt, Bson alsoSet) {
        if (ids.isEmpty()) {
            return;
        }
        Bson sent = Updates.combine(Updates.set(SENT_AT, Date.from(sentAt)), Lease.letGo());
        collection.updateMany(byIds(ids), alsoSet == null ? sent : Updates.combine(sent, alsoSet));
    }

    /** Gives claimed items back so that the next run tries them again, applying {@code alsoSet} (may be null). */
    public void release(Collection<?> ids, String token, Bson alsoSet) {
        lease.releaseEach(ids, token, alsoSet);
    }

    public long waitingCount() {
        return collection.countDocuments(Filters.eq(SENT_AT, null));
    }

    /** Deletes the items sent before {@code cutoff}; returns how many. */
    public long purgeSentBefore(Instant cutoff) {
        return collection.deleteMany(Filters.and(Filters.ne(SENT_AT, null), Filters.lt(SENT_AT, Date.from(cutoff))))
                .getDeletedCount();
    }

    private static Bson waitingAnd(Bson due) {
        return due == null ? Filters.eq(SENT_AT, null) : Filters.and(Filters.eq(SENT_AT, null), due);
    }

    private static Bson byIds(Collection<?> ids) {
        return ids.size() == 1 ? Filters.eq(ID, ids.iterator().next()) : Filters.in(ID, ids);
    }
}
