package academy.muse.recordings.usage;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.recordings.config.RecordingsConfig;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Publishes {@code recording.storage-threshold} once for each warning level an owner's usage rises past. The event
 * is stored in the outbox before the level is recorded, with an id made of owner, level and the owner's crossing
 * count: a retry after a crash, or a second replica judging the same change, stores the same id, which the outbox
 * keeps once; recording the level is a compare-and-set, so only one of them moves on. Falling below a level lowers
 * the record without an event, so rising past it again warns again (under a new count).
 */
@ApplicationScoped
public class StorageThresholds {

    /** The warning levels in percent of the quota, lowest first. */
    public static final List<Integer> LEVELS = List.of(80, 95, 100);
    private static final Logger LOG = Logger.getLogger(StorageThresholds.class);
    private static final int ATTEMPTS = 20;

    private final RecordingsConfig config;
    private final EventPublisher publisher;

    StorageThresholds(RecordingsConfig config, EventPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    /** Judges the owner's usage as it is now against the levels already warned of. */
    public void check(String ownerId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Usage usage = Usage.<Usage>findByIdOptional(ownerId).orElse(null);
            if (usage == null) {
                return;
            }
            int reached = levelReached(usage.used(), config.quotaBytesPerUser());
            if (reached == usage.alertedPercent) {
                return;
            }
            if (reached < usage.alertedPercent) {
                recordLevel(usage, reached, 0);
            } else {
                int next = LEVELS.stream().filter(level -> level > usage.alertedPercent).findFirst().orElseThrow();
                publish(usage, next);
                recordLevel(usage, next, 1);
            }
        }
    }

    /** The highest level {@code used} has reached, 0 below the lowest. */
    public static int levelReached(long used, long quota) {
        int reached = 0;
        for (int level : LEVELS) {
            if (quota <= 0 || used * 100 >= level * quota) {
                reached = level;
            }
        }
        return reached;
    }

    private void publish(Usage usage, int level) {
        String eventId = RecordingEvents.StorageThresholdCrossed.eventId(usage.ownerId, level, usage.crossings + 1);
        publisher.publish(Events.RECORDING_STORAGE_THRESHOLD, eventId, usage.ownerId,
                new RecordingEvents.StorageThresholdCrossed(usage.ownerId, level, usage.used(), config.quotaBytesPerUser()));
        LOG.infof("Owner %s passed %d%% of their storage quota (%d of %d bytes)", usage.ownerId, level, usage.used(),
                config.quotaBytesPerUser());
    }

    private static void recordLevel(Usage seen, int level, int crossed) {
        Usage.<Usage>mongoCollection().updateOne(
                and(eq("_id", seen.ownerId), eq("alertedPercent", seen.alertedPercent), eq("crossings", seen.crossings)),
                Updates.combine(Updates.set("alertedPercent", level), Updates.inc("crossings", (long) crossed)));
    }
}
