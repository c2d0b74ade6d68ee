package academy.muse.recordings.upload;

import academy.muse.recordings.config.RecordingsConfig;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.codecs.pojo.annotations.BsonId;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

/**
 * Each user's reserved bytes in one document, changed only by guarded findOneAndUpdate: two uploads of one user,
 * on one replica or two, can never both take the quota's last bytes. An upload of known length reserves its length
 * at creation; one of unknown length reserves each PATCH's allowance before the bytes flow and gives back what the
 * PATCH did not store. A discarded upload gives back all it held.
 * <p>
 * Without transactions a crash between a reservation and the upload's record can leave bytes reserved that nothing
 * holds: the user then has that much less room, never more than the quota.
 */
@ApplicationScoped
public class QuotaLedger {

    /** The document per user. */
    @MongoEntity(collection = "quota_usage")
    public static class Usage extends PanacheMongoEntityBase {
        @BsonId
        public String ownerId;
        public long reservedBytes;
    }

    private static final int ATTEMPTS = 20;

    private final RecordingsConfig config;

    QuotaLedger(RecordingsConfig config) {
        this.config = config;
    }

    /** Reserves exactly {@code bytes}, or throws 413 quota-exceeded and reserves nothing. */
    public void reserve(String ownerId, long bytes) {
        if (bytes <= 0) {
            return;
        }
        ensure(ownerId);
        long limit = config.quotaBytesPerUser() - bytes;
        Usage after = limit < 0 ? null : usages().findOneAndUpdate(
                and(eq("_id", ownerId), lte("reservedBytes", limit)), Updates.inc("reservedBytes", bytes),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            throw UploadRules.quotaExceeded();
        }
    }

    /** Reserves as much of {@code wanted} as the quota leaves (possibly nothing); returns what was reserved. */
    public long reserveUpTo(String ownerId, long wanted) {
        ensure(ownerId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long reserved = usage(ownerId);
            long granted = Math.min(wanted, config.quotaBytesPerUser() - reserved);
            if (granted <= 0) {
                return 0;
            }
            // Compare-and-set on the amount read: a concurrent reservation makes this miss, and the loop reads again.
            if (usages().findOneAndUpdate(and(eq("_id", ownerId), eq("reservedBytes", reserved)),
                    Updates.inc("reservedBytes", granted)) != null) {
                return granted;
            }
        }
        return 0;
    }

    public void release(String ownerId, long bytes) {
        if (bytes > 0) {
            usages().updateOne(eq("_id", ownerId), Updates.inc("reservedBytes", -bytes));
        }
    }

    /** What the user's uploads hold now, reservations of running PATCHes included. */
    public long usage(String ownerId) {
        Usage usage = usages().find(eq("_id", ownerId)).first();
        return usage == null ? 0 : usage.reservedBytes;
    }

    /**
     * Starts a user's ledger from the uploads they already have (stored before the ledger existed); once it exists
     * only reservations and releases move it.
     */
    private void ensure(String ownerId) {
        if (usages().find(eq("_id", ownerId)).first() != null) {
            return;
        }
        Usage usage = new Usage();
        usage.ownerId = ownerId;
        usage.reservedBytes = Upload.ofOwner(ownerId).stream().mapToLong(Upload::reservedBytes).sum();
        try {
            usages().insertOne(usage);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static MongoCollection<Usage> usages() {
        return Usage.<Usage>mongoCollection();
    }
}
