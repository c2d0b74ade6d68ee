package academy.muse.scheduling.events;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.inbox.Inbox;
import academy.muse.scheduling.lesson.LessonProgress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What rooms, signaling and vod report about a lesson, applied once per event. */
@ApplicationScoped
public class RoomEventsConsumer {

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final LessonProgress progress;

    RoomEventsConsumer(CloudEvents cloudEvents, Inbox inbox, LessonProgress progress) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.progress = progress;
    }

    @Incoming("room-events")
    @Blocking
    public void onRoom(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.ROOM_CLOSED, progress::roomClosed);
    }

    @Incoming("participant-events")
    @Blocking
    public void onParticipant(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.PARTICIPANT_JOINED, progress::participantJoined);
    }

    @Incoming("vod-events")
    @Blocking
    public void onVod(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.VOD_ASSET_READY, progress::replayReady);
    }
}
