package academy.muse.recordings.upload;

import academy.muse.platform.lease.Lease;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.upload.UploadRefused.Reason;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;

/**
 * Where uploads are kept, and the one writer each may have at a time across replicas: whoever changes an upload
 * holds its {@link Lease} (a PATCH renews it while bytes flow), and every change names the holder's token, so a
 * holder that stalled and was taken over changes nothing. Only {@link UploadLifecycle} writes through it.
 */
@ApplicationScoped
class UploadStore {

    private final RecordingsConfig config;

    UploadStore(RecordingsConfig config) {
        this.config = config;
    }

    Optional<Upload> find(String id) {
        return Upload.findByIdOptional(id);
    }

    void insert(Upload upload) {
        upload.persist();
    }

    List<Upload> expiredBefore(Instant now) {
        return uploads().find(and(eq("state", Upload.State.UPLOADING.name()), lt("expiresAt", Date.from(now))))
                .into(new ArrayList<>());
    }

    /**
     * A PATCH's claim, in one write: the owner's unfinished, unexpired upload at {@code offset}, when no one holds
     * it. Refused with the reason it could not be claimed otherwise.
     */
    Lease.Held<Upload> claimForWriting(String id, String ownerId, long offset, Instant now) {
        Bson writable = and(eq("_id", id), eq("ownerId", ownerId), eq("offset", offset),
                eq("state", Upload.State.UPLOADING.name()), gt("expiresAt", Date.from(now)));
        return lease().claimFirst(writable, null, null, now, now.plus(config.patchLease()))
                .orElseThrow(() -> whyNotClaimed(id, ownerId, offset, now));
    }

    /** Takes the upload over whatever its offset, when no one holds it; the token lands in {@code upload.leaseToken}. */
    boolean tryClaim(Upload upload, Instant now) {
        Optional<Lease.Held<Upload>> held = lease().claimFirst(eq("_id", upload.id), null, null, now,
                now.plus(config.patchLease()));
        held.ifPresent(claim -> {
            upload.leaseToken = claim.token();
            upload.leaseUntil = claim.value().leaseUntil;
            upload.offset = claim.value().offset;
        });
        return held.isPresent();
    }

    boolean renew(String id, String token, Instant now) {
        return lease().renew(id, token, now.plus(config.patchLease()));
    }

    /** Records the durable offset (and a length announced on the way) and lets go; refused when taken over. */
    void advance(Upload upload, String token) {
        Bson progress = Updates.combine(Updates.set("offset", upload.offset), Updates.set("length", upload.length),
                Updates.set("expiresAt", Date.from(upload.expiresAt)));
        if (!lease().release(upload.id, token, progress)) {
            throw takenOver(upload.id);
        }
    }

    /** Lets go, recording {@code offset} (what is durable) as the upload's offset, and its length as now known. */
    void release(Upload upload, String token, long offset) {
        lease().release(upload.id, token, Updates.combine(Updates.set("offset", offset), Updates.set("length", upload.length)));
    }

    /** Lets go of a claim, changing nothing else. */
    void letGo(Upload upload) {
        lease().release(upload.id, upload.leaseToken, null);
    }

    /** Stores the upload as it is now and lets go; refused when another holder took it over meanwhile. */
    void replaceAndRelease(Upload upload, String token) {
        upload.leaseToken = null;
        upload.leaseUntil = null;
        if (uploads().replaceOne(and(eq("_id", upload.id), Lease.heldBy(token)), upload).getMatchedCount() != 1) {
            throw takenOver(upload.id);
        }
    }

    /**
     * Records that the upload's bytes were removed while the claim still stands, and lets go. False when the claim
     * ran out and another holder took over, or the removal was recorded before.
     */
    boolean markRemoved(Upload upload, Instant at) {
        return uploads().updateOne(and(eq("_id", upload.id), Lease.heldBy(upload.leaseToken), eq("removedAt", null)),
                Updates.combine(Updates.set("removedAt", Date.from(at)), Lease.letGo())).getMatchedCount() == 1;
    }

    void delete(Upload upload) {
        upload.delete();
    }

    private UploadRefused whyNotClaimed(String id, String ownerId, long offset, Instant now) {
        Upload current = find(id).orElseThrow(() -> notFound(id));
        if (!current.ownerId.equals(ownerId)) {
            return new UploadRefused(Reason.NOT_YOURS, "Upload " + id + " belongs to someone else");
        }
        if (current.state != Upload.State.UPLOADING) {
            return finished(id);
        }
        if (!current.expiresAt.isAfter(now)) {
            return expired(id);
        }
        if (current.offset != offset) {
            return UploadRefused.offsetMismatch(current, offset);
        }
        return locked(id);
    }

    static UploadRefused notFound(String id) {
        return new UploadRefused(Reason.NOT_FOUND, "Upload " + id + " was not found");
    }

    static UploadRefused finished(String id) {
        return new UploadRefused(Reason.FINISHED, "Upload " + id + " is finished");
    }

    static UploadRefused expired(String id) {
        return new UploadRefused(Reason.EXPIRED, "Upload " + id + " expired");
    }

    static UploadRefused locked(String id) {
        return new UploadRefused(Reason.LOCKED, "Another request is writing upload " + id + "; retry shortly");
    }

    private static UploadRefused takenOver(String id) {
        return new UploadRefused(Reason.TAKEN_OVER, "Another request took over upload " + id);
    }

    private static Lease<Upload> lease() {
        return Lease.on(uploads());
    }

    private static MongoCollection<Upload> uploads() {
        return Upload.<Upload>mongoCollection();
    }
}
