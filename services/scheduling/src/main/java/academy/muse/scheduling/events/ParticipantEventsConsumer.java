package academy.muse.scheduling.events;

import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.scheduling.lesson.LessonProgress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** What signaling reports about a lesson's participants ({@code muse.participant}): who attended. */
@ApplicationScoped
public class ParticipantEventsConsumer {

    private final Inbox inbox;
    private final LessonProgress progress;

    ParticipantEventsConsumer(Inbox inbox, LessonProgress progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("participant-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.PARTICIPANT_JOINED, progress::participantJoined)));
    }
}
