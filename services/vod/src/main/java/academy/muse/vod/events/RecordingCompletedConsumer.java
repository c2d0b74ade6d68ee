package academy.muse.vod.events;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.job.PackagingJobs;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Turns each {@code recording.completed} into an asset (processing) and a packaging job. Both are keyed by the
 * recording, so a redelivered event, or the same recording announced twice, changes nothing.
 */
@ApplicationScoped
public class RecordingCompletedConsumer {

    private static final Logger LOG = Logger.getLogger(RecordingCompletedConsumer.class);

    private final Inbox inbox;
    private final Assets assets;
    private final PackagingJobs jobs;
    private final Clock clock;

    RecordingCompletedConsumer(Inbox inbox, Assets assets, PackagingJobs jobs, Clock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.assets = assets;
        this.jobs = jobs;
    }

    @Incoming("recording-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.RECORDING_COMPLETED, this::completed)));
    }

    private void completed(RecordingCompleted recording) {
        String assetId = assets.createProcessing(recording);
        if (jobs.enqueue(recording, clock.instant())) {
            LOG.infof("Packaging recording %s (%s, lesson %s, %d tracks) as asset %s", recording.recordingId(),
                    recording.kind(), recording.lessonOccurrenceId(),
                    recording.tracks() == null ? 0 : recording.tracks().size(), assetId);
        }
    }
}
