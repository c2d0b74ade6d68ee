package academy.muse.rooms.attendance;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code participant.joined/left} from rooms' own durable subscription on {@code muse.participant}. */
@ApplicationScoped
public class ParticipantEventsConsumer {

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final Attendance attendance;

    ParticipantEventsConsumer(CloudEvents cloudEvents, Inbox inbox, Attendance attendance) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.attendance = attendance;
    }

    @Incoming("participant-events")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.PARTICIPANT_JOINED, attendance::joined);
        inbox.handleOnce(event, Events.PARTICIPANT_LEFT, attendance::left);
    }
}
