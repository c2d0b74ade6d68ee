package academy.muse.recordings.room;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.panache.common.Sort;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What recordings knows about a room, learnt from {@code room.opened} and {@code room.closed}: who may upload its
 * tracks and until when.
 */
@MongoEntity(collection = "rooms")
public class Room extends PanacheMongoEntityBase {

    @BsonId
    public String code;
    public String lessonOccurrenceId;
    public List<Member> participants;
    public Instant opensAt;
    public Instant startsAt;
    public Instant endsAt;
    /** Null while the room is open. */
    public Instant closedAt;
    /** Set when the room's tracks were published in {@code recording.completed}. */
    public Instant finalisedAt;

    public static class Member {
        public String accountId;
        public String role;

        public Member() {
        }

        public Member(String accountId, String role) {
            this.accountId = accountId;
            this.role = role;
        }
    }

    public Optional<Member> member(String accountId) {
        return participants == null ? Optional.empty()
                : participants.stream().filter(member -> member.accountId.equals(accountId)).findFirst();
    }

    /** The lesson's teacher, who owns its recording. */
    public Optional<String> hostId() {
        return participants == null ? Optional.empty()
                : participants.stream().filter(member -> "host".equals(member.role)).map(member -> member.accountId).findFirst();
    }

    public List<String> accountIds() {
        return participants == null ? List.of() : participants.stream().map(member -> member.accountId).toList();
    }

    public static Optional<Room> byCode(String code) {
        return findByIdOptional(code);
    }

    /** The lesson's most recent room (a lesson normally has one). */
    public static Optional<Room> byLessonOccurrence(String lessonOccurrenceId) {
        return Room.<Room>find("lessonOccurrenceId", Sort.descending("opensAt"), lessonOccurrenceId)
                .firstResultOptional();
    }
}
