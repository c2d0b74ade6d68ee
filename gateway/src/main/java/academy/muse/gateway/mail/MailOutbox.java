package academy.muse.gateway.mail;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The {@code mail_outbox} collection: every mail is stored here first, one document per mail under its derived id,
 * and sent afterwards. A mail is due while {@code notBefore} has passed and it is unsent; a sender claims it by
 * moving {@code notBefore} to the end of its lease in one findOneAndUpdate, so two replicas never hold one mail at
 * once, and a crashed sender's claim simply runs out. A failed send moves {@code notBefore} to the next retry.
 */
@ApplicationScoped
public class MailOutbox {

    static final String COLLECTION = "mail_outbox";

    private final MongoCollection<Document> collection;

    MailOutbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent start) {
        // Speed only (the query stays correct without it): finding due mail oldest first.
        collection.createIndex(Indexes.ascending("sentAt", "notBefore", "createdAt"));
    }

    /** Stores a mail to be sent; storing one with an id already stored keeps the first. Returns whether it was new. */
    public boolean store(OutgoingMail mail) {
        Date now = new Date();
        try {
            collection.insertOne(new Document("_id", mail.id())
                    .append("kind", mail.kind())
                    .append("to", mail.to())
                    .append("language", mail.language())
                    .append("subject", mail.subject())
                    .append("text", mail.text())
                    .append("calendarMethod", mail.calendar() == null ? null : mail.calendar().method())
                    .append("calendar", mail.calendar() == null ? null : mail.calendar().ics())
                    .append("createdAt", now)
                    .append("notBefore", now)
                    .append("attempts", 0)
                    .append("sentAt", null));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Claims up to {@code limit} of the oldest due mails until {@code leaseUntil}. Candidates come from one sorted
     * query and each is then claimed by its id under the same condition, so a mail another sender claimed in
     * between is skipped.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        Bson due = Filters.and(Filters.eq("sentAt", null), Filters.lte("notBefore", Date.from(now)));
        Bson claim = Updates.combine(Updates.set("notBefore", Date.from(leaseUntil)), Updates.inc("attempts", 1));
        List<Object> candidates = collection.find(due).sort(Sorts.ascending("createdAt")).limit(limit)
                .projection(Projections.include("_id")).map(document -> document.get("_id")).into(new ArrayList<>());
        List<Claimed> claimed = new ArrayList<>(candidates.size());
        for (Object id : candidates) {
            Document won = collection.findOneAndUpdate(Filters.and(Filters.eq("_id", id), due), claim,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (won != null) {
                claimed.add(new Claimed(mailOf(won), won.getInteger("attempts")));
            }
        }
        return claimed;
    }

    private static OutgoingMail mailOf(Document stored) {
        String ics = stored.getString("calendar");
        return new OutgoingMail(stored.getString("_id"), stored.getString("kind"), stored.getString("to"),
                stored.getString("language"), stored.getString("subject"), stored.getString("text"),
                ics == null ? null : new OutgoingMail.CalendarPart(stored.getString("calendarMethod"), ics));
    }

    void markSent(String id, Instant sentAt) {
        collection.updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("sentAt", Date.from(sentAt)), Updates.unset("lastError")));
    }

    /** The SMTP server did not take the mail: it is due again at {@code retryAt}. */
    void retryAt(String id, Instant retryAt, String error) {
        collection.updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("notBefore", Date.from(retryAt)), Updates.set("lastError", error)));
    }

    /** Gives a claimed mail back untried, due at once (its attempt is not counted). */
    void release(String id, Instant now) {
        collection.updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("notBefore", Date.from(now)), Updates.inc("attempts", -1)));
    }

    public long pendingCount() {
        return collection.countDocuments(Filters.eq("sentAt", null));
    }

    void purgeSentBefore(Instant cutoff) {
        collection.deleteMany(Filters.and(Filters.ne("sentAt", null), Filters.lt("sentAt", Date.from(cutoff))));
    }

    /** A mail this sender holds, and how many tries it has had including this one. */
    record Claimed(OutgoingMail mail, int attempts) {
    }
}
