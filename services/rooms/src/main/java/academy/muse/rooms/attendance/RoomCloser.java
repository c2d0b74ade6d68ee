package academy.muse.rooms.attendance;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.rooms.config.RoomsConfig;
import academy.muse.rooms.room.JoinWindow;
import academy.muse.rooms.room.Room;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Closes rooms whose window has ended or that have stayed empty, and tells everyone with {@code room.closed}.
 * Safe on many replicas and across crashes: the event id and the closing moment follow from the room alone,
 * so two replicas (or a retry after a crash) store the same event once; the event is stored before the
 * room is marked closed, so a crash in between is repaired by the next run.
 */
@ApplicationScoped
public class RoomCloser {

    private static final Logger LOG = Logger.getLogger(RoomCloser.class);

    private final EventPublisher publisher;
    private final RoomsConfig config;
    private final Clock clock;

    RoomCloser(EventPublisher publisher, RoomsConfig config, Clock clock) {
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.rooms.close-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeOnSchedule() {
        closeDue(clock.instant());
    }

    /** Closes every room due at {@code now}; returns the codes it closed. */
    public List<String> closeDue(Instant now) {
        List<Room> candidates = Room.<Room>find(new Document("closedAt", null)
                .append("opensAt", new Document("$lte", Date.from(now)))).list();
        return candidates.stream().filter(room -> close(room, now)).map(room -> room.code).toList();
    }

    private boolean close(Room room, Instant now) {
        Optional<JoinWindow.Closing> closing = room.window().closing(now, room.presence(), config.emptyCloseAfter());
        if (closing.isEmpty()) {
            return false;
        }
        publisher.publish(Events.ROOM_CLOSED, RoomEvents.RoomClosed.eventId(room.code), room.code, new RoomEvents.RoomClosed(
                room.code, room.lessonOccurrenceId, room.eventParticipants(), List.copyOf(room.attended),
                closing.get().at(), closing.get().reason()));
        long marked = Room.mongoCollection().updateOne(Filters.and(Filters.eq("_id", room.code), Filters.eq("closedAt", null)),
                Updates.combine(Updates.set("closedAt", closing.get().at()), Updates.set("closeReason", closing.get().reason())))
                .getModifiedCount();
        if (marked == 1) {
            LOG.infof("Closed room %s (%s, %d of %d participants came)", room.code, closing.get().reason(),
                    room.attended.size(), room.participants.size());
        }
        return marked == 1;
    }
}
