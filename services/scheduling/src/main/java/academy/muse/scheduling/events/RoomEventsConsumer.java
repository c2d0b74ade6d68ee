package academy.muse.scheduling.events;

import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.scheduling.lesson.LessonProgress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** What rooms reports about a lesson's room ({@code muse.room}): its closing ends the lesson. */
@ApplicationScoped
public class RoomEventsConsumer {

    private final Inbox inbox;
    private final LessonProgress progress;

    RoomEventsConsumer(Inbox inbox, LessonProgress progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("room-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ROOM_CLOSED, progress::roomClosed)));
    }
}
