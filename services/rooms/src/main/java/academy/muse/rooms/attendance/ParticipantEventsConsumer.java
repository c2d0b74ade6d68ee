package academy.muse.rooms.attendance;

import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Reads {@code participant.joined/left} from rooms' own durable subscription on {@code muse.participant}. */
@ApplicationScoped
public class ParticipantEventsConsumer {

    private final Inbox inbox;
    private final Attendance attendance;

    ParticipantEventsConsumer(Inbox inbox, Attendance attendance) {
        this.inbox = inbox;
        this.attendance = attendance;
    }

    @Incoming("participant-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.PARTICIPANT_JOINED, attendance::joined),
                Inbox.on(Events.PARTICIPANT_LEFT, attendance::left)));
    }
}
