package academy.muse.rooms.room;

import academy.muse.contracts.events.RoomEvents;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A room: its code, who may join it and when. Attendance fields are changed only by atomic updates
 * ({@link academy.muse.rooms.attendance.Attendance}); the rest is written when the room is issued.
 */
@MongoEntity(collection = "rooms")
public class Room extends PanacheMongoEntityBase {

    public static final String KIND_LESSON = "lesson";
    public static final String KIND_INSTANT = "instant";

    @BsonId
    public String code;
    /** Unique: {@code lesson:<occurrence id>} or {@code instant:<code>}; makes issuing a lesson's room idempotent. */
    public String issueKey;
    public String kind;
    public String lessonOccurrenceId;
    public String title;
    public Instant startsAt;
    public Instant endsAt;
    public Instant opensAt;
    /** End plus grace plus {@link #extendedMinutes}. */
    public Instant closesAt;
    /** How far the teacher has extended the room beyond the booked end, in minutes; 0 when not extended. */
    public int extendedMinutes;
    public List<RoomParticipant> participants = new ArrayList<>();
    /** In instant rooms: the observers of these students may join as observers. */
    public List<String> observableStudents = new ArrayList<>();
    public Instant createdAt;
    public boolean openedEventStored;

    /** Signaling connections now in the room. */
    public List<String> present = new ArrayList<>();
    /**
     * Each participant's latest connection (kept after it leaves): a participant is connected once per room,
     * so a newer connection replaces the older one in {@link #present}, and an older one never comes back.
     */
    public List<Connection> connections = new ArrayList<>();
    /** Connections that have left; a late "joined" for one of them does not count as presence. */
    public List<String> departed = new ArrayList<>();
    /** Accounts that joined at least once. */
    public List<String> attended = new ArrayList<>();
    /** Changes to presence so far; a "joined" writes only over the state it read. */
    public Long presenceVersion;
    /** When the last connection left; null while someone is there or before anyone came. */
    public Instant emptySince;

    public Instant closedAt;
    public String closeReason;

    /** The teacher whose room this is. */
    public Optional<String> hostId() {
        return participants.stream().filter(participant -> RoomParticipant.HOST.equals(participant.role))
                .map(participant -> participant.accountId).findFirst();
    }

    public Optional<RoomParticipant> participant(String accountId) {
        return participants.stream().filter(participant -> participant.accountId.equals(accountId)).findFirst();
    }

    /** The participants as room events carry them. */
    public List<RoomEvents.Participant> eventParticipants() {
        return participants.stream().map(participant -> new RoomEvents.Participant(participant.accountId, participant.role))
                .toList();
    }

    public JoinWindow window() {
        return new JoinWindow(opensAt, startsAt, endsAt, closesAt);
    }

    public Presence presence() {
        return new Presence(!attended.isEmpty(), present.isEmpty(), emptySince, closedAt);
    }

    /** A participant's latest signaling connection and when it joined. */
    public static class Connection {
        public String accountId;
        public String connectionId;
        public Instant at;
    }
}
