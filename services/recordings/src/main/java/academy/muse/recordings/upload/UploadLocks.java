package academy.muse.recordings.upload;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.recordings.config.RecordingsConfig;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * One writer per upload at a time, across replicas: a PATCH claims the upload with a lease in MongoDB
 * (findOneAndUpdate on the expected offset), renews it while bytes flow, and moves the offset only while it holds
 * the claim. A claim left by a crashed replica runs out after the lease.
 */
@ApplicationScoped
public class UploadLocks {

    private final RecordingsConfig config;

    UploadLocks(RecordingsConfig config) {
        this.config = config;
    }

    /** Claims the upload at {@code offset}, recording a length announced with this PATCH; 409 or 423 otherwise. */
    String claim(Upload upload, long offset, Long length) {
        String token = UUID.randomUUID().toString();
        List<Bson> updates = new ArrayList<>(hold(token));
        if (length != null && !length.equals(upload.length)) {
            updates.add(Updates.set("length", length));
        }
        Upload claimed = uploads().findOneAndUpdate(
                and(eq("_id", upload.id), eq("offset", offset), eq("state", Upload.State.UPLOADING.name()), free()),
                Updates.combine(updates), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            throw whyNotClaimed(upload.id, offset);
        }
        return token;
    }

    /** Claims the upload whatever its offset (termination); 423 while a PATCH writes. */
    void claimAny(Upload upload) {
        if (!tryClaimAny(upload)) {
            throw locked(upload.id);
        }
    }

    /** Claims the upload whatever its offset, when no PATCH holds it; the token lands in {@code upload.lockToken}. */
    public boolean tryClaimAny(Upload upload) {
        String token = UUID.randomUUID().toString();
        Upload claimed = uploads().findOneAndUpdate(and(eq("_id", upload.id), free()), Updates.combine(hold(token)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return false;
        }
        upload.lockToken = token;
        upload.offset = claimed.offset;
        return true;
    }

    boolean renew(String id, String token) {
        return uploads().updateOne(and(eq("_id", id), eq("lockToken", token)),
                Updates.set("lockedUntil", Date.from(Instant.now().plus(config.patchLease())))).getMatchedCount() == 1;
    }

    /** Records the durable offset and lets go. */
    Upload advance(Upload upload, String token, long offset, Instant expiresAt) {
        Upload updated = uploads().findOneAndUpdate(and(eq("_id", upload.id), eq("lockToken", token)),
                Updates.combine(Updates.set("offset", offset), Updates.set("expiresAt", Date.from(expiresAt)),
                        Updates.unset("lockToken"), Updates.unset("lockedUntil")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
            throw ProblemException.conflict("upload-taken-over", "Another request took over upload " + upload.id);
        }
        return updated;
    }

    /** Lets go, recording {@code offset} (what is durable) as the upload's offset. */
    void release(String id, String token, long offset) {
        uploads().updateOne(and(eq("_id", id), eq("lockToken", token)), Updates.combine(Updates.set("offset", offset),
                Updates.unset("lockToken"), Updates.unset("lockedUntil")));
    }

    /** Stores the completed upload as it is now and lets go. */
    void completeAndRelease(Upload upload, String token) {
        upload.lockToken = null;
        upload.lockedUntil = null;
        long matched = uploads().replaceOne(and(eq("_id", upload.id), eq("lockToken", token)), upload).getMatchedCount();
        if (matched != 1) {
            throw ProblemException.conflict("upload-taken-over", "Another request took over upload " + upload.id);
        }
    }

    /**
     * Records that the upload's bytes were removed, while this holder's claim ({@link #tryClaimAny}) still stands,
     * and lets go. False when the claim ran out and another holder took over, or the removal was recorded before:
     * then the removal is that holder's to account for.
     */
    public boolean markRemoved(Upload upload, Instant at) {
        return uploads().updateOne(and(eq("_id", upload.id), eq("lockToken", upload.lockToken), eq("removedAt", null)),
                Updates.combine(Updates.set("removedAt", Date.from(at)), Updates.unset("lockToken"),
                        Updates.unset("lockedUntil"))).getMatchedCount() == 1;
    }

    /** Lets go of a claim taken with {@link #tryClaimAny}, changing nothing else. */
    public void letGo(Upload upload) {
        uploads().updateOne(and(eq("_id", upload.id), eq("lockToken", upload.lockToken)),
                Updates.combine(Updates.unset("lockToken"), Updates.unset("lockedUntil")));
    }

    private ProblemException whyNotClaimed(String id, long offset) {
        Upload current = Upload.<Upload>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Upload " + id));
        if (current.state != Upload.State.UPLOADING) {
            return ProblemException.conflict("upload-finished", "Upload " + id + " is finished");
        }
        if (current.offset != offset) {
            return UploadService.offsetMismatch(current, offset);
        }
        return locked(id);
    }

    private static ProblemException locked(String id) {
        return new ProblemException(423, "upload-locked", "Locked",
                "Another request is writing upload " + id + "; retry shortly");
    }

    private List<Bson> hold(String token) {
        return List.of(Updates.set("lockToken", token),
                Updates.set("lockedUntil", Date.from(Instant.now().plus(config.patchLease()))));
    }

    private static Bson free() {
        return or(eq("lockedUntil", null), lt("lockedUntil", new Date()));
    }

    private static MongoCollection<Upload> uploads() {
        return Upload.<Upload>mongoCollection();
    }
}
