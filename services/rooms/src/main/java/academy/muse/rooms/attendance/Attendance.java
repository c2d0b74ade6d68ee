package academy.muse.rooms.attendance;

import academy.muse.contracts.events.ParticipantEvents;
import academy.muse.rooms.room.Room;
import academy.muse.rooms.room.RoomCodes;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Who is in a room, from signaling's participant events, kept by atomic updates so that replicas and
 * redelivered or reordered events agree: presence is a set of connection ids, and a connection that has
 * left never counts as present again.
 */
@ApplicationScoped
public class Attendance {

    private static final Logger LOG = Logger.getLogger(Attendance.class);

    public void joined(ParticipantEvents.ParticipantJoined joined) {
        String code = RoomCodes.normalise(joined.roomCode()).orElse(joined.roomCode());
        var rooms = Room.mongoCollection();
        long matched = rooms.updateOne(Filters.eq("_id", code), Updates.addToSet("attended", joined.accountId()))
                .getMatchedCount();
        if (matched == 0) {
            LOG.warnf("Participant %s joined unknown room %s", joined.accountId(), code);
            return;
        }
        rooms.updateOne(Filters.and(Filters.eq("_id", code), Filters.ne("departed", joined.connectionId())),
                Updates.combine(Updates.addToSet("present", joined.connectionId()), Updates.unset("emptySince")));
    }

    public void left(ParticipantEvents.ParticipantLeft left) {
        String code = RoomCodes.normalise(left.roomCode()).orElse(left.roomCode());
        var rooms = Room.mongoCollection();
        rooms.updateOne(Filters.eq("_id", code), Updates.combine(
                Updates.pull("present", left.connectionId()), Updates.addToSet("departed", left.connectionId())));
        rooms.updateOne(Filters.and(Filters.eq("_id", code), Filters.eq("present", List.of()),
                        Filters.eq("emptySince", null)),
                Updates.set("emptySince", left.at()));
    }
}
