package academy.muse.vod.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Every {@code muse.vod.retention.every}: counts packages stored before vod counted them, runs retention, then
 * the purge; tests call each directly.
 */
@ApplicationScoped
public class RetentionSchedule {

    private final UsageBackfill backfill;
    private final RetentionRun retention;
    private final MediaPurge purge;
    private final Clock clock;

    RetentionSchedule(UsageBackfill backfill, RetentionRun retention, MediaPurge purge, Clock clock) {
        this.backfill = backfill;
        this.retention = retention;
        this.purge = purge;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.vod.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        backfill.countUncounted();
        retention.deleteExpired(clock.instant());
        purge.purgeDue(clock.instant());
    }
}
