package academy.muse.vod.retention;

import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.AssetDeletions;
import academy.muse.vod.config.VodConfig;
import academy.muse.vod.events.AssetEvents;
import academy.muse.vod.job.RecordingPackager;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Removes the media of assets deleted longer ago than the grace period, one asset at a time under a lease (the
 * packaging jobs' style): two replicas never purge one asset at once, and a replica that dies half way leaves the
 * asset to be claimed again when its lease runs out. Every step may run twice: removing a removed file does
 * nothing, the size reported is the one recorded before the first file went, and the event id is the asset's.
 */
@ApplicationScoped
public class MediaPurge {

    private static final Logger LOG = Logger.getLogger(MediaPurge.class);
    /** Bounds one pass, so that a long backlog never holds the scheduler thread for ever. */
    private static final int MAX_ASSETS_PER_PASS = 100;

    private final AssetDeletions deletions;
    private final MediaStorage storage;
    private final AssetEvents events;
    private final VodConfig.Retention config;

    MediaPurge(AssetDeletions deletions, MediaStorage storage, AssetEvents events, VodConfig config) {
        this.deletions = deletions;
        this.storage = storage;
        this.events = events;
        this.config = config.retention();
    }

    /** Purges every asset whose grace period has ended by {@code now} (at most a bounded number); returns how many. */
    public int purgeDue(Instant now) {
        int purged = 0;
        Instant deletedBefore = now.minus(config.deletionGrace());
        Optional<AssetDeletions.PurgeClaim> claim;
        while (purged < MAX_ASSETS_PER_PASS
                && (claim = deletions.claimPurge(deletedBefore, now, config.purgeLease())).isPresent()) {
            purge(claim.get(), now);
            purged++;
        }
        return purged;
    }

    private void purge(AssetDeletions.PurgeClaim claim, Instant now) {
        Asset asset = claim.asset();
        List<StoredObject> objects = storage.list(RecordingPackager.assetPrefix(asset.id()));
        long bytes = claim.storedBytes().orElseGet(() ->
                deletions.recordStoredBytes(asset.id(), objects.stream().mapToLong(StoredObject::size).sum()));
        objects.forEach(object -> storage.delete(object.key()));
        // Only a ready asset's package was counted as stored; a failed one's leftovers never were.
        if (asset.isReady()) {
            events.mediaRemoved(asset, bytes);
        }
        deletions.markPurged(asset.id(), now);
        LOG.infof("Purged %s %s of %s (deleted %s): removed %d files left of its package of %d bytes", asset.kind(),
                asset.id(), asset.ownerId(), asset.deletedAt(), objects.size(), bytes);
    }
}
