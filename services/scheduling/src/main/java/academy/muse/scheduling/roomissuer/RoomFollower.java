package academy.muse.scheduling.roomissuer;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.scheduling.client.Rooms;
import academy.muse.scheduling.client.RoomsClient;
import academy.muse.scheduling.lesson.IssuedRooms;
import academy.muse.scheduling.lesson.Lesson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Moves an issued room with its lesson through rooms' idempotent {@code PUT /internal/rooms/{occurrenceId}}: the same
 * call that issued it, with the new times, which rooms applies to the room it already has (same code, same link).
 */
@ApplicationScoped
class RoomFollower implements IssuedRooms {

    private static final Logger LOG = Logger.getLogger(RoomFollower.class);
    private static final String CLOSED = "closed";

    private final Rooms rooms;

    RoomFollower(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void follow(Lesson lesson) {
        RoomsClient.RoomRequest request = RoomIssuer.requests(List.of(lesson)).get(lesson.id);
        RoomsClient.IssuedRoom room;
        try {
            room = rooms.follow(lesson.id, request);
        } catch (ClientErrorException refused) {
            throw ProblemException.conflict("room-not-movable",
                    "rooms refused to move the room of lesson " + lesson.id + " (" + refused.getResponse().getStatus() + ")");
        } catch (RuntimeException down) {
            LOG.warnf("rooms could not move the room of lesson %s: %s", lesson.id, down.getMessage());
            throw ProblemException.unavailable("Rooms cannot be reached, so lesson " + lesson.id
                    + " was not moved; try again in a minute");
        }
        if (CLOSED.equals(room.state())) {
            throw ProblemException.conflict("room-closed", "The room of lesson " + lesson.id + " has closed; it cannot move");
        }
        LOG.infof("Room %s follows lesson %s to %s", room.code(), lesson.id, lesson.startsAt);
    }
}
