package academy.muse.vod.retention;

import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.AssetDeletions;
import academy.muse.vod.events.AssetEvents;
import academy.muse.vod.job.RecordingPackager;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Counts the packages made ready before vod counted them (an upgrade from a version without usage accounting):
 * records each one's size and publishes {@code vod.media-stored} for it, so that recordings' usage ledger has
 * it, and a later {@code vod.media-removed} gives back exactly what was counted. The event id is the asset's and
 * the size is recorded once, so running this twice, or on two replicas, counts each package once.
 */
@ApplicationScoped
public class UsageBackfill {

    private static final Logger LOG = Logger.getLogger(UsageBackfill.class);
    /** Bounds one pass; the next run continues. */
    private static final int MAX_ASSETS_PER_PASS = 100;

    private final AssetDeletions deletions;
    private final MediaStorage storage;
    private final AssetEvents events;

    UsageBackfill(AssetDeletions deletions, MediaStorage storage, AssetEvents events) {
        this.deletions = deletions;
        this.storage = storage;
        this.events = events;
    }

    /** Returns how many packages it counted. */
    public int countUncounted() {
        List<Asset> uncounted = deletions.readyUncounted(MAX_ASSETS_PER_PASS);
        for (Asset asset : uncounted) {
            long counted = storage.list(RecordingPackager.assetPrefix(asset.id())).stream()
                    .mapToLong(StoredObject::size).sum();
            long bytes = deletions.recordStoredBytes(asset.id(), counted);
            events.mediaStored(asset, bytes);
            LOG.infof("Counted the package of %s %s of %s made ready before vod counted it: %d bytes", asset.kind(),
                    asset.id(), asset.ownerId(), bytes);
        }
        return uncounted.size();
    }
}
