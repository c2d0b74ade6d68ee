package academy.muse.rooms.attendance;

import academy.muse.contracts.events.ParticipantEvents;
import academy.muse.rooms.room.Room;
import academy.muse.rooms.room.RoomCodes;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Who is in a room, from signaling's participant events, kept by atomic updates so that replicas and
 * redelivered or reordered events agree. Presence is per participant: a participant is connected once per
 * room (signaling replaces an older connection of the same account), so a "joined" replaces the account's
 * older connection, which then counts as departed even if its "left" never comes (a crashed signaling
 * instance); a "left" only empties the seat if it is for the account's current connection; and a connection
 * that has left, or has been replaced, never counts as present again.
 */
@ApplicationScoped
public class Attendance {

    private static final Logger LOG = Logger.getLogger(Attendance.class);
    private static final int ATTEMPTS = 20;

    public void joined(ParticipantEvents.ParticipantJoined joined) {
        String code = RoomCodes.normalise(joined.roomCode()).orElse(joined.roomCode());
        var rooms = Room.mongoCollection();
        long matched = rooms.updateOne(Filters.eq("_id", code), Updates.addToSet("attended", joined.accountId()))
                .getMatchedCount();
        if (matched == 0) {
            LOG.warnf("Participant %s joined unknown room %s", joined.accountId(), code);
            return;
        }
        var documents = rooms.withDocumentClass(Document.class);
        String connection = joined.connectionId();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document room = documents.find(Filters.eq("_id", code))
                    .projection(Projections.include("present", "departed", "connections", "presenceVersion")).first();
            if (room == null || room.getList("departed", String.class, List.of()).contains(connection)) {
                return;
            }
            List<Document> connections = room.getList("connections", Document.class, List.of());
            Optional<Document> latest = connections.stream()
                    .filter(known -> joined.accountId().equals(known.getString("accountId"))).findFirst();
            if (latest.isPresent() && connection.equals(latest.get().getString("connectionId"))) {
                return;
            }
            Bson update;
            if (latest.isPresent() && joinedAt(latest.get()).filter(at -> at.isAfter(joined.at())).isPresent()) {
                // A newer connection of this participant already joined: this one was replaced before it was seen.
                update = Updates.combine(Updates.addToSet("departed", connection), Updates.inc("presenceVersion", 1L));
            } else {
                List<String> present = new ArrayList<>(room.getList("present", String.class, List.of()));
                List<Document> newConnections = new ArrayList<>(connections);
                List<Bson> changes = new ArrayList<>();
                if (latest.isPresent()) {
                    String replaced = latest.get().getString("connectionId");
                    present.remove(replaced);
                    newConnections.remove(latest.get());
                    changes.add(Updates.addToSet("departed", replaced));
                }
                present.add(connection);
                newConnections.add(new Document("accountId", joined.accountId()).append("connectionId", connection)
                        .append("at", Date.from(joined.at())));
                changes.add(Updates.set("present", present));
                changes.add(Updates.set("connections", newConnections));
                changes.add(Updates.unset("emptySince"));
                changes.add(Updates.inc("presenceVersion", 1L));
                update = Updates.combine(changes);
            }
            Object version = room.get("presenceVersion");
            long written = documents.updateOne(Filters.and(Filters.eq("_id", code),
                    Filters.eq("presenceVersion", version), Filters.ne("departed", connection)), update).getMatchedCount();
            if (written == 1) {
                return;
            }
        }
        throw new IllegalStateException("Presence in room " + code + " kept changing; joined " + connection + " will be retried");
    }

    private static Optional<Instant> joinedAt(Document connection) {
        Object at = connection.get("at");
        if (at instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        return at instanceof Instant instant ? Optional.of(instant) : Optional.empty();
    }

    public void left(ParticipantEvents.ParticipantLeft left) {
        String code = RoomCodes.normalise(left.roomCode()).orElse(left.roomCode());
        var rooms = Room.mongoCollection();
        rooms.updateOne(Filters.eq("_id", code), Updates.combine(Updates.pull("present", left.connectionId()),
                Updates.addToSet("departed", left.connectionId()), Updates.inc("presenceVersion", 1L)));
        rooms.updateOne(Filters.and(Filters.eq("_id", code), Filters.eq("present", List.of()),
                        Filters.eq("emptySince", null)),
                Updates.set("emptySince", left.at()));
    }
}
