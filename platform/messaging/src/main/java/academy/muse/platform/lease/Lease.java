package academy.muse.platform.lease;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * A time-bound claim on documents of one collection, the one way replicas share work here (outbox relay, room
 * issuer, packaging jobs, upload writers, mail sender). The leased document carries {@value #UNTIL} (when the
 * claim runs out) and {@value #TOKEN} (who holds it); it is free when {@value #UNTIL} is absent, null or not after
 * now, so a crashed holder's claim simply runs out. Every claim is one conditional write, so of two replicas
 * claiming the same document exactly one wins; every later write names the holder's token, so a holder whose
 * lease ran out and was taken over changes nothing.
 *
 * @param <T> the collection's document class
 */
public final class Lease<T> {

    public static final String UNTIL = "leaseUntil";
    public static final String TOKEN = "leaseToken";
    private static final String ID = "_id";

    private final MongoCollection<T> collection;

    private Lease(MongoCollection<T> collection) {
        this.collection = collection;
    }

    public static <T> Lease<T> on(MongoCollection<T> collection) {
        return new Lease<>(collection);
    }

    /** A claim this process holds: the token every later write names, and the document as it was claimed. */
    public record Held<V>(String token, V value) {
    }

    /** Documents no one holds at {@code now}. */
    public static Bson free(Instant now) {
        return or(eq(UNTIL, null), lte(UNTIL, Date.from(now)));
    }

    /** Documents held under {@code token}. */
    public static Bson heldBy(String token) {
        return eq(TOKEN, token);
    }

    /** The update that gives up a claim; combine it with the holder's last changes to release in the same write. */
    public static Bson letGo() {
        return Updates.combine(Updates.unset(TOKEN), Updates.unset(UNTIL));
    }

    /**
     * Claims the first document (in {@code sort} order, may be null) matching {@code filter} that is free, applying
     * {@code alsoSet} (may be null) in the same write. Empty when none is free.
     */
    public Optional<Held<T>> claimFirst(Bson filter, Bson sort, Bson alsoSet, Instant now, Instant until) {
        String token = newToken();
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        if (sort != null) {
            options.sort(sort);
        }
        T claimed = collection.findOneAndUpdate(and(filter, free(now)), take(token, until, alsoSet), options);
        return Optional.ofNullable(claimed).map(document -> new Held<>(token, document));
    }

    /**
     * Claims those of the documents with these ids that still match {@code stillEligible} (may be null) and are
     * free, with one write under one fresh token, then reads back the ones carrying it: of two replicas claiming the
     * same ids, each document goes to exactly one. Both writes name documents by {@code _id}, which every store
     * serves from its index.
     */
    public Held<List<T>> claimEach(Collection<?> ids, Bson stillEligible, Bson alsoSet, Instant now, Instant until) {
        String token = newToken();
        if (ids.isEmpty()) {
            return new Held<>(token, List.of());
        }
        Bson eligible = stillEligible == null ? free(now) : and(stillEligible, free(now));
        collection.updateMany(and(byIds(ids), eligible), take(token, until, alsoSet));
        return new Held<>(token, collection.find(and(byIds(ids), heldBy(token))).into(new ArrayList<>()));
    }

    /** Extends a claim; false when it was lost (it ran out and another replica took the document over). */
    public boolean renew(Object id, String token, Instant until) {
        return collection.updateOne(and(eq(ID, id), heldBy(token)), Updates.set(UNTIL, Date.from(until)))
                .getMatchedCount() == 1;
    }

    /** Gives up a claim, applying {@code alsoSet} (may be null) in the same write; false when it was lost. */
    public boolean release(Object id, String token, Bson alsoSet) {
        Bson update = alsoSet == null ? letGo() : Updates.combine(alsoSet, letGo());
        return collection.updateOne(and(eq(ID, id), heldBy(token)), update).getMatchedCount() == 1;
    }

    /** Gives up the claims on these documents held under {@code token}, applying {@code alsoSet} (may be null). */
    public long releaseEach(Collection<?> ids, String token, Bson alsoSet) {
        if (ids.isEmpty()) {
            return 0;
        }
        Bson update = alsoSet == null ? letGo() : Updates.combine(alsoSet, letGo());
        return collection.updateMany(and(byIds(ids), heldBy(token)), update).getModifiedCount();
    }

    private static Bson take(String token, Instant until, Bson alsoSet) {
        Bson claim = Updates.combine(Updates.set(TOKEN, token), Updates.set(UNTIL, Date.from(until)));
        return alsoSet == null ? claim : Updates.combine(claim, alsoSet);
    }

    private static Bson byIds(Collection<?> ids) {
        return ids.size() == 1 ? eq(ID, ids.iterator().next()) : in(ID, ids);
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
    }
}
