package academy.muse.scheduling.events;

import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.scheduling.lesson.LessonProgress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** What vod reports about a lesson's recording ({@code muse.vod}): its replay is ready. */
@ApplicationScoped
public class VodEventsConsumer {

    private final Inbox inbox;
    private final LessonProgress progress;

    VodEventsConsumer(Inbox inbox, LessonProgress progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("vod-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.VOD_ASSET_READY, progress::replayReady)));
    }
}
