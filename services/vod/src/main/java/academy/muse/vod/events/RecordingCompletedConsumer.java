package academy.muse.vod.events;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.inbox.Inbox;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.job.PackagingJobs;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns each {@code recording.completed} into an asset (processing) and a packaging job. Both are keyed by the
 * recording, so a redelivered event, or the same recording announced twice, changes nothing.
 */
@ApplicationScoped
public class RecordingCompletedConsumer {

    private static final Logger LOG = Logger.getLogger(RecordingCompletedConsumer.class);

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final Assets assets;
    private final PackagingJobs jobs;

    RecordingCompletedConsumer(CloudEvents cloudEvents, Inbox inbox, Assets assets, PackagingJobs jobs) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.assets = assets;
        this.jobs = jobs;
    }

    @Incoming("recording-events")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        cloudEvents.dataIf(event, Events.RECORDING_COMPLETED).ifPresent(recording -> inbox.handleOnce(event.id(), () -> {
            String assetId = assets.createProcessing(recording);
            if (jobs.enqueue(recording)) {
                LOG.infof("Packaging recording %s (%s, lesson %s, %d tracks) as asset %s", recording.recordingId(),
                        recording.kind(), recording.lessonOccurrenceId(),
                        recording.tracks() == null ? 0 : recording.tracks().size(), assetId);
            }
        }));
    }
}
