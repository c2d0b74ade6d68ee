package academy.muse.scheduling.series;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps every series materialised a fixed number of weeks ahead. Replicas may run it at once: occurrence ids
 * are derived from the series and the date, so the same occurrence is stored once.
 */
@ApplicationScoped
public class HorizonExtender {

    private static final Logger LOG = Logger.getLogger(HorizonExtender.class);

    private final SeriesService series;

    HorizonExtender(SeriesService series) {
        this.series = series;
    }

    @Scheduled(every = "${muse.scheduling.horizon-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void extend() {
        int added = series.extendHorizons();
        if (added > 0) {
            LOG.infof("Materialised %d more occurrence(s) as the horizon moved on", added);
        }
    }
}
