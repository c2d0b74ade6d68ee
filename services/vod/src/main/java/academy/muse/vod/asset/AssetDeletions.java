package academy.muse.vod.asset;

import academy.muse.platform.lease.Lease;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * An asset's way out, on the {@code assets} collection: deleted (by its owner, an admin, retention or an account
 * deletion; nobody may watch it from then on), then purged (its media removed from storage once the grace period
 * has passed). Every step is a conditional update, so running one twice, or on two replicas at once, does it once.
 */
@ApplicationScoped
public class AssetDeletions {

    static final String DELETED_AT = "deletedAt";
    static final String STORED_BYTES = "storedBytes";
    private static final String DELETED_BY = "deletedBy";
    private static final String PURGED_AT = "purgedAt";

    private final MongoCollection<Document> collection;
    /** Held only by a purge run: nothing else leases an asset. */
    private final Lease<Document> purgeLease;

    AssetDeletions(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection("assets");
        this.purgeLease = Lease.on(collection);
    }

    /**
     * An asset claimed for purging, with a lease: another replica does not take it while the lease lasts.
     *
     * @param storedBytes what its package occupies, as counted when it was stored; absent for assets made ready
     *                    before vod counted it
     */
    public record PurgeClaim(Asset asset, Optional<Long> storedBytes, String leaseToken) {
    }

    /**
     * Deletes a kept asset as of {@code at}; returns false when it was deleted already (the first deletion's time
     * stays, so a repeated deletion never extends the grace period).
     *
     * @param by who deleted it, for the log and the operator: an account id, {@code retention} or {@code account-deleted}
     */
    public boolean markDeleted(String assetId, Instant at, String by) {
        return collection.updateOne(Filters.and(Filters.eq("_id", assetId), Assets.KEPT),
                Updates.combine(Updates.set(DELETED_AT, Date.from(at)), Updates.set(DELETED_BY, by)))
                .getModifiedCount() == 1;
    }

    /** The ids of the kept assets the account owns. */
    public List<String> keptOwnedBy(String ownerId) {
        return collection.find(Filters.and(Filters.eq("ownerId", ownerId), Assets.KEPT))
                .projection(Projections.include("_id")).map(document -> document.getString("_id"))
                .into(new ArrayList<>());
    }

    /** Takes the account off every asset's viewers; returns how many assets it was a viewer of. */
    public long removeViewer(String accountId) {
        return collection.updateMany(Filters.eq("viewerIds", accountId), Updates.pull("viewerIds", accountId))
                .getModifiedCount();
    }

    /** Kept assets made before {@code cutoff}, oldest first: the candidates of a retention run. */
    public List<Asset> keptCreatedBefore(Instant cutoff) {
        return collection.find(Filters.and(Assets.KEPT, Filters.lt("createdAt", Date.from(cutoff))))
                .sort(Sorts.ascending("createdAt")).map(Assets::asset).into(new ArrayList<>());
    }

    /**
     * Claims one asset deleted at or before {@code deletedBefore} whose media is still stored, unless another run
     * holds it. An asset still being packaged waits: its package may yet be stored, and must be purged with it.
     */
    public Optional<PurgeClaim> claimPurge(Instant deletedBefore, Instant now, Duration lease) {
        return purgeLease.claimFirst(Filters.and(Filters.lte(DELETED_AT, Date.from(deletedBefore)),
                        Filters.eq(PURGED_AT, null), Filters.ne("status", Asset.Status.PROCESSING.name())),
                Sorts.ascending(DELETED_AT), null, now, now.plus(lease))
                .map(held -> new PurgeClaim(Assets.asset(held.value()), Optional.ofNullable(held.value().get(STORED_BYTES))
                        .map(bytes -> ((Number) bytes).longValue()), held.token()));
    }

    /** Ready assets whose package vod never counted (made ready before it did), not yet purged; at most {@code limit}. */
    public List<Asset> readyUncounted(int limit) {
        return collection.find(Filters.and(Filters.eq("status", Asset.Status.READY.name()), Filters.eq(STORED_BYTES, null),
                Filters.eq(PURGED_AT, null))).limit(limit).map(Assets::asset).into(new ArrayList<>());
    }

    /**
     * Records the package's size counted from storage, for an asset made ready before vod counted it; must happen
     * before the first file is removed, so that a purge finished by a later run reports the same size.
     */
    public long recordStoredBytes(String assetId, long counted) {
        collection.updateOne(Filters.and(Filters.eq("_id", assetId), Filters.eq(STORED_BYTES, null)),
                Updates.set(STORED_BYTES, counted));
        Document document = collection.find(Filters.eq("_id", assetId)).first();
        return document == null ? counted : ((Number) document.get(STORED_BYTES)).longValue();
    }

    public void markPurged(String assetId, Instant at) {
        collection.updateOne(Filters.eq("_id", assetId), Updates.combine(Updates.set(PURGED_AT, Date.from(at)),
                Lease.letGo()));
    }

    /** When the asset's media was removed from storage, if it was. */
    public Optional<Instant> purgedAt(String assetId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", assetId)).first())
                .map(document -> document.getDate(PURGED_AT)).map(Date::toInstant);
    }
}
