package academy.muse.recordings.room;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the local read model of rooms from {@code room.opened} and {@code room.closed} (subscription
 * {@code muse.room::recordings.muse.room}), and finalises a room's tracks once it has closed.
 */
@ApplicationScoped
public class RoomEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RoomEventsConsumer.class);

    private final Inbox inbox;
    private final RoomFinaliser finaliser;
    private final Clock clock;

    RoomEventsConsumer(Inbox inbox, RoomFinaliser finaliser, Clock clock) {
        this.inbox = inbox;
        this.finaliser = finaliser;
        this.clock = clock;
    }

    @Incoming("room-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ROOM_OPENED, this::opened),
                Inbox.on(Events.ROOM_CLOSED, this::closed)));
    }

    void opened(RoomEvents.RoomOpened opened) {
        Room room = Room.byCode(opened.roomCode()).orElseGet(Room::new);
        room.code = opened.roomCode();
        room.lessonOccurrenceId = opened.lessonOccurrenceId();
        room.participants = members(opened.participants());
        room.opensAt = opened.opensAt();
        room.startsAt = opened.startsAt();
        room.endsAt = opened.endsAt();
        // A redelivered room.opened arriving after room.closed must not reopen the room.
        room.persistOrUpdate();
        LOG.infof("Room %s opened for recording (%d participants)", room.code, room.participants.size());
    }

    void closed(RoomEvents.RoomClosed closed) {
        Room room = Room.byCode(closed.roomCode()).orElseGet(Room::new);
        room.code = closed.roomCode();
        if (room.lessonOccurrenceId == null) {
            room.lessonOccurrenceId = closed.lessonOccurrenceId();
        }
        if (closed.participants() != null && !closed.participants().isEmpty()) {
            room.participants = members(closed.participants());
        }
        Instant now = clock.instant();
        room.closedAt = closed.closedAt() != null ? closed.closedAt() : now;
        room.persistOrUpdate();
        LOG.infof("Room %s closed (%s); its tracks are finalised after the grace period", room.code, closed.reason());
        finaliser.finaliseIfDue(room, now);
    }

    private static List<Room.Member> members(List<RoomEvents.Participant> participants) {
        return participants == null ? List.of()
                : participants.stream().map(p -> new Room.Member(p.accountId(), p.role())).toList();
    }
}
