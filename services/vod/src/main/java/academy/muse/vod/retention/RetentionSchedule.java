package academy.muse.vod.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Runs retention, then the purge, every {@code muse.vod.retention.every}; tests call the two directly. */
@ApplicationScoped
public class RetentionSchedule {

    private final RetentionRun retention;
    private final MediaPurge purge;
    private final Clock clock;

    RetentionSchedule(RetentionRun retention, MediaPurge purge, Clock clock) {
        this.retention = retention;
        this.purge = purge;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.vod.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        retention.deleteExpired(clock.instant());
        purge.purgeDue(clock.instant());
    }
}
