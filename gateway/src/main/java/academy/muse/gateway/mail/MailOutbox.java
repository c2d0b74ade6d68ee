package academy.muse.gateway.mail;

import academy.muse.platform.lease.Lease;
import academy.muse.platform.outbox.SendQueue;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@code mail_outbox} collection, a {@link SendQueue} of mails: every mail is stored here first, one document
 * per mail under its derived id, and sent afterwards. A mail is due while {@code notBefore} has passed and it is
 * unsent; a sender claims due mails under the shared lease, so two replicas never hold one mail at once, and a
 * crashed sender's claim simply runs out. A failed send gives the mail back with {@code notBefore} at the next retry.
 */
@ApplicationScoped
public class MailOutbox {

    static final String COLLECTION = "mail_outbox";
    private static final String NOT_BEFORE = "notBefore";

    private final MongoCollection<Document> collection;
    private final SendQueue queue;
    private final Clock clock;

    MailOutbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock) {
        this.collection = mongo.getDatabase(database).getCollection(COLLECTION);
        this.queue = SendQueue.on(collection);
        this.clock = clock;
    }

    void createIndexes(@Observes StartupEvent start) {
        // Speed only (the query stays correct without it): finding due mail oldest first.
        collection.createIndex(Indexes.ascending(SendQueue.SENT_AT, NOT_BEFORE, SendQueue.CREATED_AT));
    }

    /** Stores a mail to be sent; storing one with an id already stored keeps the first. Returns whether it was new. */
    public boolean store(OutgoingMail mail) {
        Instant now = clock.instant();
        return queue.storeAll(List.of(new Document("_id", mail.id())
                .append("kind", mail.kind())
                .append("to", mail.to())
                .append("language", mail.language())
                .append("subject", mail.subject())
                .append("text", mail.text())
                .append("calendarMethod", mail.calendar() == null ? null : mail.calendar().method())
                .append("calendar", mail.calendar() == null ? null : mail.calendar().ics())
                .append(NOT_BEFORE, Date.from(now))), now) == 1;
    }

    /** Claims up to {@code limit} of the oldest due mails until {@code leaseUntil}, oldest first. */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        Lease.Held<List<Document>> held = queue.claimOldest(Filters.lte(NOT_BEFORE, Date.from(now)), now, leaseUntil, limit);
        return held.value().stream()
                .map(won -> new Claimed(mailOf(won), won.getInteger(SendQueue.ATTEMPTS), held.token())).toList();
    }

    private static OutgoingMail mailOf(Document stored) {
        String ics = stored.getString("calendar");
        return new OutgoingMail(stored.getString("_id"), stored.getString("kind"), stored.getString("to"),
                stored.getString("language"), stored.getString("subject"), stored.getString("text"),
                ics == null ? null : new OutgoingMail.CalendarPart(stored.getString("calendarMethod"), ics));
    }

    void markSent(String id, Instant sentAt) {
        queue.markSent(List.of(id), sentAt, Updates.unset("lastError"));
    }

    /** The SMTP server did not take the mail: it is due again at {@code retryAt}. */
    void retryAt(Claimed claimed, Instant retryAt, String error) {
        queue.release(List.of(claimed.mail().id()), claimed.token(),
                Updates.combine(Updates.set(NOT_BEFORE, Date.from(retryAt)), Updates.set("lastError", error)));
    }

    /** Gives a claimed mail back untried, due at once (its attempt is not counted). */
    void release(Claimed claimed) {
        queue.release(List.of(claimed.mail().id()), claimed.token(), Updates.inc(SendQueue.ATTEMPTS, -1));
    }

    public long pendingCount() {
        return queue.waitingCount();
    }

    void purgeSentBefore(Instant cutoff) {
        queue.purgeSentBefore(cutoff);
    }

    /** A mail this sender holds under {@code token}, and how many tries it has had including this one. */
    record Claimed(OutgoingMail mail, int attempts, String token) {
    }
}
