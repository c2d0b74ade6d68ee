package academy.muse.signaling.events;

import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.signaling.room.RoomHub;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Ends a room's live sessions when rooms closes it ({@code room.closed}, subscription
 * {@code muse.room::signaling.muse.room}, shared by the replicas): the replica that takes the event closes its
 * sockets and tells the others over the fan-out.
 */
@ApplicationScoped
public class RoomClosedConsumer {

    private final Inbox inbox;
    private final RoomHub hub;

    RoomClosedConsumer(Inbox inbox, RoomHub hub) {
        this.inbox = inbox;
        this.hub = hub;
    }

    @Incoming("room-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ROOM_CLOSED, closed -> hub.closeRoom(closed.roomCode()))));
    }
}
